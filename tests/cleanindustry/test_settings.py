"""The settings module read from the environment, checked in a fresh interpreter each time."""

import json
import os
import re
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
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "broker": app.conf.broker_url,
    "eager": app.conf.task_always_eager,
    "email": settings.EMAIL_BACKEND,
    "email_host": settings.EMAIL_HOST,
    "hosts": settings.ALLOWED_HOSTS,
    "ssl": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "secure_cookies": settings.SESSION_COOKIE_SECURE,
    "secure_csrf_cookie": settings.CSRF_COOKIE_SECURE,
    "secret_len": len(settings.SECRET_KEY),
}))
"""
VARIABLES = [
    "DATABASE_URL", "REDIS_URL", "REDIS_CACHE_URL", "EMAIL_URL", "SECRET_KEY", "DEBUG",
    "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "SITE_URL", "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS", "CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL", "EMAIL_BACKEND",
]  # fmt: skip
# What every `make` target sets (Makefile): plain HTTP on loopback, and a key.
LOCAL = {"SECURE_SSL_REDIRECT": "false", "SECRET_KEY": "local-" + "k" * 50}


def probe(**environ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="cleanindustry.settings", **environ)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )


def read_settings(**environ) -> dict:
    out = probe(**environ)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


def test_the_embedded_run_needs_only_what_make_sets():
    seen = read_settings(**LOCAL)
    assert seen["debug"] is False
    assert seen["db"] == "django.db.backends.sqlite3"
    assert seen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert seen["eager"] is True
    assert seen["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert seen["secret_len"] >= 50
    assert seen["ssl"] is False and seen["secure_cookies"] is False and seen["hsts"] == 0


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
    assert seen["cache"] == "core.redis_cache.SharedClientRedisCache"
    assert seen["broker"] == "redis://cache.internal:6379/1"
    assert seen["eager"] is False
    assert seen["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert seen["email_host"] == "smtp.internal"
    assert seen["hosts"] == ["cleanindustry.example.org"]
    assert seen["ssl"] is True and seen["secure_cookies"] is True and seen["hsts"] > 0
    assert seen["secret_len"] == 60


def test_debug_is_only_on_when_asked_for():
    assert read_settings(DEBUG="true")["debug"] is True
    assert read_settings(DEBUG="false", **LOCAL)["debug"] is False


def test_production_is_secure_by_default():
    seen = read_settings(SECRET_KEY="x" * 60)  # DEBUG off, nothing said about https
    assert seen["ssl"] is True
    assert seen["secure_cookies"] is True and seen["secure_csrf_cookie"] is True
    assert seen["hsts"] == 31536000


def test_plain_http_turns_the_redirect_secure_cookies_and_hsts_off_together():
    for environ in [{"SECURE_SSL_REDIRECT": "false", "SECRET_KEY": "x" * 60}, {"DEBUG": "true"}]:
        seen = read_settings(**environ)
        assert seen["ssl"] is False, environ
        assert seen["secure_cookies"] is False and seen["secure_csrf_cookie"] is False, environ
        assert seen["hsts"] == 0, environ


# The long-running processes, as they start: gunicorn imports the WSGI module; Celery's worker
# and beat send these signals before they take any work.
STARTS = {
    "web": "import cleanindustry.wsgi",
    "worker": "import cleanindustry, celery.signals\ncelery.signals.worker_init.send(sender=None)",
    "beat": "import cleanindustry, celery.signals\ncelery.signals.beat_init.send(sender=None)",
}


def start(code: str, **environ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="cleanindustry.settings", **environ)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_does_not_start_without_a_secret_key():
    for environ in [{}, {"SECRET_KEY": ""}, {"SECURE_SSL_REDIRECT": "false"}]:
        for process, code in STARTS.items():
            out = start(code, **environ)
            assert out.returncode != 0, (process, environ)
            assert "ImproperlyConfigured: SECRET_KEY is not set" in out.stderr, out.stderr
    for process, code in STARTS.items():  # the control: with a key, each one starts
        assert start(code, **LOCAL).returncode == 0, process
    assert read_settings(DEBUG="true")["secret_len"] >= 50  # development: a key kept in var/


def test_commands_that_sign_nothing_need_no_secret_key():
    out = start(
        "import django\ndjango.setup()\nfrom django.core.management import call_command\n"
        "call_command('makemigrations', check=True, dry_run=True)"
    )
    assert out.returncode == 0, out.stderr


def test_the_cache_and_the_broker_are_separate_redis_databases():
    seen = read_settings(REDIS_URL="redis://redis.internal:6379/0", **LOCAL)
    assert seen["broker"] == "redis://redis.internal:6379/0"
    assert seen["cache_location"] == "redis://redis.internal:6379/1"  # unset: the next one
    seen = read_settings(
        REDIS_URL="redis://redis.internal:6379/0",
        REDIS_CACHE_URL="redis://cache.internal:6379/0",
        **LOCAL,
    )
    assert seen["broker"] == "redis://redis.internal:6379/0"
    assert seen["cache_location"] == "redis://cache.internal:6379/0"
    assert seen["eager"] is False


def production_section_variables() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Production\n", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for line in table for name in re.findall(r"`([A-Z_]+)`", line.split("|")[1])}


def test_check_deploy_passes_on_the_readmes_production_settings_alone():
    environ = {
        "SECRET_KEY": "k7#Lq-Vw2" * 7,
        "ALLOWED_HOSTS": "cleanindustry.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://cleanindustry.example.org",
        "SITE_URL": "https://cleanindustry.example.org",
        "DATABASE_URL": "postgres://portal:pw@db.internal:5432/portal",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "REDIS_CACHE_URL": "redis://cache.internal:6379/0",
        "EMAIL_URL": "smtp+tls://mailer:pw@smtp.internal:587",
    }
    assert set(environ) <= production_section_variables()
    script = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "cleanindustry.settings", **environ},
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def service(compose: str, name: str) -> str:
    """One service's block of docker-compose.yml, as text (no YAML parser in the project)."""
    return re.search(rf"^  {name}:\n((?:    .*\n|\n)*)", compose, re.M).group(1)


def test_compose_keeps_gunicorn_behind_the_proxy_and_the_broker_apart_from_the_cache():
    compose = (ROOT / "docker-compose.yml").read_text()
    ports = re.findall(r'^\s+- "([^"]+)"', service(compose, "web"), re.M)
    assert ports and all(port.startswith("127.0.0.1:") for port in ports)
    assert "--maxmemory 256mb --maxmemory-policy allkeys-lru" in service(compose, "cache")
    assert "--maxmemory-policy noeviction" in service(compose, "redis")
    assert "--appendonly yes" in service(compose, "redis")
    assert "REDIS_URL: redis://redis:" in compose and "REDIS_CACHE_URL: redis://cache:" in compose


def test_the_two_proxy_settings_are_documented_together():
    readme = (ROOT / "README.md").read_text()
    assert any(
        "`TRUSTED_PROXY_COUNT`" in paragraph and "`FORWARDED_ALLOW_IPS`" in paragraph
        for paragraph in readme.split("\n\n")
    )
    example = (ROOT / ".env.example").read_text()
    assert re.search(r"^TRUSTED_PROXY_COUNT=.*\n(#.*\n)*FORWARDED_ALLOW_IPS=", example, re.M)
