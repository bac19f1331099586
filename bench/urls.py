"""The site's URLs plus the benchmark's floors: the cheapest answers Django gives through the
whole middleware stack, which every page's speed is measured against."""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path

from cleanindustry.urls import handler429, urlpatterns

__all__ = ["handler429", "urlpatterns"]

# About the size of a public page's HTML (17-67 kB in bench/README.md's figures).
PAGE_SIZED = b"x" * 40_000


def floor(request):
    return HttpResponse(b"Hello, world\n", content_type="text/plain")


def floor_with_a_cache_read(request):
    """The floor plus what a page-cache hit cannot do without: one read of a page-sized value
    from the cache's Redis, sent back. Set on first use (and again after a flush)."""
    body = cache.get("bench:page-sized")
    if body is None:
        cache.set("bench:page-sized", body := PAGE_SIZED, None)
    return HttpResponse(body, content_type="text/plain")


urlpatterns = [
    path("bench/floor", floor),
    path("bench/floor-cache-read", floor_with_a_cache_read),
    *urlpatterns,
]
