"""The benchmarks' settings: production's (cleanindustry/settings.py, from the same environment),
plus the floor view at /bench/floor. Nothing here is in the settings production runs."""

from cleanindustry.settings import *  # noqa: F403
from cleanindustry.settings import PAGE_CACHE_SKIP_PREFIXES

ROOT_URLCONF = "bench.urls"
# The floor is the bare middleware stack answering: never a page-cache hit.
PAGE_CACHE_SKIP_PREFIXES = (*PAGE_CACHE_SKIP_PREFIXES, "/bench/")
