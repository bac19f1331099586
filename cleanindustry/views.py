import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from . import health


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
    database (core/cache.py). Both pages render without the database."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
