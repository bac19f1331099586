import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache

from . import health

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    results = {name: "ok" if check() else "down" for name, check in health.CHECKS.items()}
    healthy = all(state == "ok" for state in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", **results}, status=200 if healthy else 503
    )


# How long a visitor (or a crawler) is asked to wait while the database is unreachable.
DATABASE_DOWN_RETRY_AFTER = 60


def server_error(request):
    """handler500: Django calls it for any exception that nothing else answered (in a view, a
    template or a middleware), while handling it, so `sys.exc_info()` holds it.

    A lost database (psycopg's connection errors reach Django as OperationalError or
    InterfaceError) is an outage, not a bug: 503 with Retry-After, so that visitors and
    crawlers come back. Pages already in the page cache are still served: a hit needs no
    database (core/cache.py). Both pages render without the database, in the language of the
    address asked for (its /es/-style prefix), with the English text below."""
    outage = isinstance(sys.exc_info()[1], (OperationalError, InterfaceError))
    body = _error_page("503.html" if outage else "500.html", request.path_info)
    if outage:
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
        return response
    return HttpResponseServerError(body)


def _error_page(template: str, path: str) -> str:
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            return loader.render_to_string(template)
    except Exception:
        # Whatever broke the page must not also break the apology: fall back to English.
        logger.exception("The %s page failed in %r; answering in English", template, language)
        with translation.override(settings.LANGUAGE_CODE):
            return loader.render_to_string(template)
