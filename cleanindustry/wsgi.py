import os
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
from django.template.loader import get_template
from django.urls import get_resolver, reverse
from django.utils import translation

from .startup import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cleanindustry.settings")

application = get_wsgi_application()
require_secret_key()


def warm_up() -> None:
    """Do now, once, what each web worker would otherwise do on its first requests: import
    every view (the URL configuration) and the cache backend (redis-py), build the
    reverse-lookup tables and load the message catalogue of each language, and compile the
    site's templates (the cached loader keeps them). About 0.1 s of a core.

    With gunicorn's preload_app this runs in the master, so a worker recycled every ~2,000
    requests is forked warm instead of answering its first requests 100 ms late while others
    queue behind it. Nothing here connects: a database or Redis connection made before the
    fork would be shared by every worker."""
    get_resolver().url_patterns  # noqa: B018 (imports the URL configuration and the views)
    caches[settings.PAGE_CACHE_ALIAS]  # imports its backend, which connects on first use
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            reverse("pages:home")
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            get_template(str(path.relative_to(folder)))


warm_up()
