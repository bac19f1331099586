"""The settings module read from the environment, checked in a fresh interpreter each time."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, django
from django.conf import settings
django.setup()
from cleanindustry.celery import app
print(json.dumps({
    "debug": settings.DEBUG,
    "db": settings.DATABASES["default"]["ENGINE"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": app.conf.broker_url,
    "eager": app.conf.task_always_eager,
    "email": settings.EMAIL_BACKEND,
    "email_host": settings.EMAIL_HOST,
    "hosts": settings.ALLOWED_HOSTS,
    "ssl": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "secure_cookies": settings.SESSION_COOKIE_SECURE,
    "secret_len": len(settings.SECRET_KEY),
}))
"""
VARIABLES = [
    "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS", "SITE_URL", "SECURE_SSL_REDIRECT", "CELERY_TASK_ALWAYS_EAGER",
    "EMAIL_BACKEND",
]  # fmt: skip


def read_settings(**environ) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="cleanindustry.settings", **environ)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.splitlines()[-1])


def test_embedded_defaults_need_no_configuration():
    seen = read_settings()
    assert seen["debug"] is False
    assert seen["db"] == "django.db.backends.sqlite3"
    assert seen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert seen["eager"] is True
    assert seen["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert seen["secret_len"] >= 50


def test_production_settings_come_from_the_environment():
    seen = read_settings(
        DATABASE_URL="postgres://portal:pw@db.internal:5432/portal",
        REDIS_URL="redis://cache.internal:6379/1",
        EMAIL_URL="smtp+tls://mailer:pw@smtp.internal:587",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="cleanindustry.example.org",
        SECURE_SSL_REDIRECT="true",
    )
    assert seen["db"] == "django.db.backends.postgresql"
    assert seen["cache"] == "cleanindustry.redis_cache.SharedClientRedisCache"
    assert seen["broker"] == "redis://cache.internal:6379/1"
    assert seen["eager"] is False
    assert seen["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert seen["email_host"] == "smtp.internal"
    assert seen["hosts"] == ["cleanindustry.example.org"]
    assert seen["ssl"] is True and seen["secure_cookies"] is True and seen["hsts"] > 0
    assert seen["secret_len"] == 60


def test_debug_is_only_on_when_asked_for():
    assert read_settings(DEBUG="true")["debug"] is True
    assert read_settings(DEBUG="false")["debug"] is False
