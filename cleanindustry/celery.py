"""The Celery app: `celery -A cleanindustry worker` and `celery -A cleanindustry beat`."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init
from django.core.exceptions import ImproperlyConfigured

from .startup import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cleanindustry.settings")

app = Celery("cleanindustry")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _require_secret_key(**kwargs):
    # Celery logs an exception a signal handler raises, and goes on: a worker or beat without
    # a key must not start, so it exits instead.
    try:
        require_secret_key()
    except ImproperlyConfigured as error:
        raise SystemExit(f"ImproperlyConfigured: {error}") from None
