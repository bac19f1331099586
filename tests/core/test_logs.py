"""No secret from a link reaches a log: Django's request logs and gunicorn's access log show
the secret part of a manage, unsubscribe or confirmation link (or an allauth key) as
<redacted>, whichever language prefix or place in the line it has."""

import logging
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from gunicorn.config import Config

from core.logs import redact

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cr3t-T0ken_value"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("subscriptions:confirm", {"code": SECRET}),
        ("subscriptions:manage", {"token": SECRET}),
        ("subscriptions:new-link", {"token": SECRET}),
        ("subscriptions:download-data", {"token": SECRET}),
        ("subscriptions:delete-data", {"token": SECRET}),
        ("subscriptions:unsubscribe", {"token": SECRET}),
        ("subscriptions:change-email", {"token": SECRET}),
        ("subscriptions:change-email-confirm", {"code": SECRET}),
        ("account_confirm_email", {"key": SECRET}),
        ("account_reset_password_from_key", {"uidb36": "4", "key": SECRET}),
    ],
)
def test_every_link_that_carries_a_secret_is_redacted(language, name, kwargs):
    with translation.override(language):
        path = reverse(name, kwargs=kwargs)
    line = f'"GET {path}?x=1 HTTP/1.1" 200 "https://portal.example.org{path}"'
    assert SECRET not in redact(line)
    assert "<redacted>" in redact(line)


def test_other_paths_are_left_alone():
    line = "GET /updates/subscribe/check-your-inbox/ /roadmap/?topic=manage HTTP/1.1"
    assert redact(line) == line


def test_djangos_not_found_warning_is_redacted(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/es/updates/manage/{SECRET}/").status_code == 404
    assert "Not Found: /es/updates/manage/<redacted>/" in caplog.messages
    assert SECRET not in caplog.text


def test_djangos_csrf_warning_is_redacted(caplog):
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        Client(enforce_csrf_checks=True).post(f"/updates/manage/{SECRET}/")
    assert any("/updates/manage/<redacted>/" in m for m in caplog.messages)
    assert SECRET not in caplog.text


def test_djangos_development_server_log_is_redacted(caplog):
    with caplog.at_level(logging.INFO, logger="django.server"):
        logging.getLogger("django.server").info(
            '"%s" %s %s', f"POST /updates/unsubscribe/{SECRET}/ HTTP/1.1", 200, 512
        )
    assert caplog.messages == ['"POST /updates/unsubscribe/<redacted>/ HTTP/1.1" 200 512']


def test_gunicorns_access_log_is_redacted(capsys):
    cfg = Config()
    # The logger class and access log that gunicorn.conf.py configures.
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    cfg.set("logger_class", conf["logger_class"])
    cfg.set("accesslog", conf["accesslog"])
    logger = cfg.logger_class(cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/es/updates/confirm/{SECRET}/",
        "PATH_INFO": f"/es/updates/confirm/{SECRET}/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.2",
        "HTTP_REFERER": f"https://portal.example.org/updates/manage/{SECRET}/",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    logger.access(response, request, environ, timedelta(milliseconds=12))
    line = capsys.readouterr().out
    assert '"GET /es/updates/confirm/<redacted>/ HTTP/1.1" 200 512' in line
    assert '"https://portal.example.org/updates/manage/<redacted>/"' in line
    assert SECRET not in line
