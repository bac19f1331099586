"""Finding the real services a test needs: skip without them, fail under CI=true."""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

CHROMIUM = "/usr/bin/chromium"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing(what: str):
    """Skip a test whose service is missing; under CI a missing service is a failure."""
    if in_ci():
        pytest.fail(f"CI=true but {what}", pytrace=False)
    pytest.skip(what)


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        missing("this test needs PostgreSQL: set DATABASE_URL=postgres://...")


def require_redis() -> str:
    url = settings.REDIS_URL or os.environ.get("REDIS_URL", "")
    if not url:
        missing("this test needs Redis: set REDIS_URL=redis://...")
    parsed = urlparse(url)
    try:
        socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), 2).close()
    except OSError as error:
        missing(f"Redis at {url} is unreachable: {error}")
    return url


def require_chromium() -> str:
    if not shutil.which(CHROMIUM):
        missing(f"this test needs Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM
