"""The web process warms up before gunicorn forks its workers (preload_app), without opening a
connection: one made in the master would be shared by every forked worker."""

import os
import subprocess
import sys

from django.conf import settings

CHECK = """
import django.db, django.template.loader
from django.urls import get_resolver
import cleanindustry.wsgi
from django.db import connections
assert all(c.connection is None for c in connections.all()), "a database connection was opened"
resolver = get_resolver()
assert resolver._populated, "the reverse-lookup tables are not built"
engine = django.template.loader.engines["django"].engine
cached = engine.template_loaders[0]
assert "base.html" in str(list(cached.get_template_cache)), "templates are not compiled"
print("warm")
"""


def test_the_web_process_warms_up_without_connecting_to_anything():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cleanindustry.settings",
        # Nothing listens on port 1: any connection attempt would fail the import.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nothing",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "REDIS_CACHE_URL": "redis://127.0.0.1:1/1",
        "SECRET_KEY": "w" * 50,
        "SECURE_SSL_REDIRECT": "false",
    }
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "warm"
