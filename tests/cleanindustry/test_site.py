import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_service(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_a_service_is_down(client, monkeypatch):
    from cleanindustry import health

    monkeypatch.setitem(health.CHECKS, "cache", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "down"
    assert response.json()["status"] == "down"


def test_healthz_reports_a_broker_that_is_down(client, settings, monkeypatch):
    from cleanindustry.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False  # the settings fixture restores it
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_admin_answers(admin_client, admin_user):
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get("/admin/pages/page/").status_code == 200
    assert admin_client.get("/admin/pages/contactmessage/").status_code == 200
