"""The test suite's settings: the project's own (cleanindustry/settings.py) as `make` runs them
locally, over plain HTTP with a key of their own. Put in the environment before the project's
settings read it, so that the processes a test starts (Celery workers) agree with the suite."""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECRET_KEY", "tests-only-" + "k" * 50)

# `make test` runs the suite in two processes (pytest-xdist: "gw0", "gw1"). pytest-django
# gives each its own test database; here each also gets its own Redis databases (the broker
# and the cache, two further along per worker) and its own media directory, so that one
# process's cache.clear() or queued tasks never reach the other's tests.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


def _shifted(url: str) -> str:
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + 2 * WORKER
    return urlunsplit(parts._replace(path=f"/{database}"))


# Once per process tree: the Celery workers a test starts inherit the shifted URLs.
if WORKER and os.environ.get("TESTS_REDIS_SHIFTED_FOR") != str(WORKER):
    os.environ["TESTS_REDIS_SHIFTED_FOR"] = str(WORKER)
    for name in ("REDIS_URL", "REDIS_CACHE_URL"):
        if os.environ.get(name):
            os.environ[name] = _shifted(os.environ[name])
    media = Path(__file__).resolve().parents[1] / "var" / "tests" / f"media-{WORKER}"
    os.environ.setdefault("MEDIA_ROOT", str(media))

from cleanindustry.settings import *  # noqa: E402, F403
