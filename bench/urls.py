"""The site's URLs plus the benchmark's floor: the cheapest answer Django gives through the
whole middleware stack, which every page's speed is measured against."""

from django.http import HttpResponse
from django.urls import path

from cleanindustry.urls import handler429, urlpatterns

__all__ = ["handler429", "urlpatterns"]


def floor(request):
    return HttpResponse(b"Hello, world\n", content_type="text/plain")


urlpatterns = [path("bench/floor", floor), *urlpatterns]
