"""Hardening: security headers, a CSP the pages (admin included) live within, check --deploy."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# What a CSP without 'unsafe-inline' blocks: inline <script> (JSON data blocks are fine),
# inline event handlers, <style> elements and style attributes.
INLINE_SCRIPT = re.compile(r'<script(?![^>]*\bsrc=)(?![^>]*type="application/(?:ld\+)?json")[^>]*>')
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_lives_within_the_csp(response, url):
    assert response.status_code == 200, url
    html = response.content.decode()
    allowed = csp_directives(response)["script-src"]
    for tag in INLINE_SCRIPT.findall(html):  # only with this response's nonce
        nonce = re.search(r'nonce="([^"]+)"', tag)
        assert nonce and f"'nonce-{nonce[1]}'" in allowed, f"{url}: {tag}"
    assert not INLINE_HANDLER.findall(html), url
    assert not INLINE_STYLE.findall(html), url


@pytest.fixture
def mfa_admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_every_page_sends_the_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    for directive in ["script-src", "style-src"]:
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]


def test_public_and_sign_in_pages_have_no_inline_script_or_style(client):
    for url in ["/", "/contact/", "/accounts/login/", "/accounts/password/reset/"]:
        assert_lives_within_the_csp(client.get(url), url)


VIEWS = ["changelist", "add"]


def test_the_admin_works_under_the_csp(mfa_admin_client):
    urls = ["/admin/", "/admin/password_change/"]
    for model in admin.site._registry:
        opts = model._meta
        urls += [reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}") for view in VIEWS]
    for url in urls:
        response = mfa_admin_client.get(url)
        if response.status_code == 403:  # an admin that allows no adding
            continue
        assert_lives_within_the_csp(response, url)


def test_hsts_and_secure_cookies_behind_tls(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    response = client.get("/contact/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["httponly"]
    assert "Strict-Transport-Security" not in client.get("/contact/")  # only sent over TLS


def test_the_session_cookie_is_secure_and_httponly(client, settings, django_user_model):
    settings.SESSION_COOKIE_SECURE = True
    django_user_model.objects.create_user("a", "a@example.org", "a long pass phrase 42")
    response = client.post(
        "/accounts/login/", {"login": "a@example.org", "password": "a long pass phrase 42"}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_check_deploy_is_clean_on_production_settings():
    # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE either (tests/conftest.py), if one ran
    # before in this process: production never sets it, and check --deploy says so.
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        DJANGO_SETTINGS_MODULE="cleanindustry.settings",
        SECRET_KEY="x7#Lq" * 12,
        DEBUG="false",
        SECURE_SSL_REDIRECT="true",
        ALLOWED_HOSTS="cleanindustry.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
