"""What the long-running processes (the web server and the Celery worker and beat) check before
they start: what `manage.py` commands that sign nothing (migrations, checks) can do without."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NO_SECRET_KEY = (
    "SECRET_KEY is not set. With DEBUG off (production) the portal needs a long random "
    "SECRET_KEY in its environment (README, Production). `make run` and the other make "
    "targets set one kept in var/secret_key."
)


def require_secret_key() -> None:
    try:
        settings.SECRET_KEY  # noqa: B018 (Django refuses an empty one when it is read)
    except ImproperlyConfigured:
        raise ImproperlyConfigured(NO_SECRET_KEY) from None
