"""Outages degrade, they do not break: the real Redis and PostgreSQL behind a proxy that each
test cuts (tests/proxy.py), as a crash or a network failure would.

- Redis cut: every public page renders from the database, sign-ups and staff sign-in work,
  /healthz says the cache is down.
- PostgreSQL cut: pages already in the page cache are served; every other answer is the
  503 page (with Retry-After), never a 500.
"""

import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from subscriptions.models import Subscriber, Topic
from tests.accounts.conftest import PASSWORD, make_staff  # noqa: F401
from tests.exchange.factories import TripFactory
from tests.performance.test_public_pages import public_pages, site  # noqa: F401
from tests.proxy import TcpProxy


def visitor() -> Client:
    # Answers as a browser gets them: an exception becomes the error page, not a test error.
    return Client(raise_request_exception=False)


def sign_up(client, email="outage@example.org"):
    data = {"email": email, "topics": ["section:roadmap"], "frequency": "weekly"}
    return client.post("/updates/subscribe/", data)


@pytest.fixture
def topic(db):
    return Topic.objects.create(key="section:roadmap", slug="roadmap", title="Roadmap")


# --- Redis ------------------------------------------------------------------------------------


@pytest.fixture
def cache_proxy(redis_url, settings):
    """The cache on the real Redis, through a proxy the test can cut."""
    real = urlsplit(settings.REDIS_CACHE_URL or redis_url)
    proxy = TcpProxy(real.hostname or "127.0.0.1", real.port or 6379)
    settings.CACHES = {
        "default": {
            **django_settings.CACHES["default"],
            "BACKEND": "core.redis_cache.SharedClientRedisCache",
            "LOCATION": real._replace(netloc=f"127.0.0.1:{proxy.port}").geturl(),
            "KEY_PREFIX": "test-outages",
        }
    }
    cache.clear()
    yield proxy
    proxy.cut()


def test_with_redis_cut_every_public_page_renders_from_the_database(db, site, cache_proxy):  # noqa: F811
    pages = public_pages()
    assert visitor().get("/")["X-Page-Cache"] == "miss"
    assert visitor().get("/")["X-Page-Cache"] == "hit"  # the cache works, through the proxy
    cache_proxy.cut()
    answers = {name: visitor().get(url) for name, url in pages.items()}
    assert {name: r.status_code for name, r in answers.items() if r.status_code != 200} == {}
    assert b"Portland" in answers["home"].content


def test_with_redis_cut_a_sign_up_is_saved_and_its_confirmation_sent(
    topic, cache_proxy, eager_tasks, django_capture_on_commit_callbacks
):
    cache_proxy.cut()
    with django_capture_on_commit_callbacks(execute=True):
        # allauth's rate limits read the cache: they let it through
        response = sign_up(visitor())
    assert response.status_code == 302
    assert response["Location"] == reverse("subscriptions:check-inbox")
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert [m.to for m in mail.outbox] == [["outage@example.org"]]


def test_with_redis_cut_staff_sign_in(db, cache_proxy, make_staff):  # noqa: F811
    user = make_staff(mfa=True)
    cache_proxy.cut()
    client = visitor()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"  # sessions are in the database


def test_with_redis_cut_healthz_says_the_cache_is_down(db, cache_proxy, caplog):
    assert visitor().get("/healthz").json()["cache"] == "ok"
    cache_proxy.cut()
    response = visitor().get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["cache"] == "down" and response.json()["database"] == "ok"


# --- PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture
def database_proxy(postgres, transactional_db):
    """The test database on the real PostgreSQL, through a proxy the test can cut. Committed
    rows (transactional_db): the test's requests see what it made."""
    db = connection.settings_dict
    real = db["HOST"], db["PORT"]
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    connection.close()
    db["HOST"], db["PORT"] = "127.0.0.1", str(proxy.port)
    yield proxy
    proxy.cut()
    connection.close()
    db["HOST"], db["PORT"] = real  # for transactional_db's flush


def assert_unavailable(response, language="en"):
    assert response.status_code == 503, response.status_code
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    with translation.override(language):
        heading = gettext("This page is briefly unavailable")
    assert f'<html lang="{language}"' in html and f"<h1>{heading}</h1>" in html
    assert "/static/css/site.css" in html and 'class="site-header' in html  # the site's look


@pytest.mark.postgres
def test_with_postgresql_cut_stored_pages_are_served_and_the_rest_is_503(
    database_proxy, admin_user, topic
):
    cache.clear()
    trip = TripFactory(title="Study tour of Danish industry")
    staff = visitor()
    staff.force_login(admin_user)
    assert staff.get("/admin/").status_code == 200
    assert visitor().get(trip.get_absolute_url())["X-Page-Cache"] == "miss"
    assert visitor().get("/")["X-Page-Cache"] == "miss"

    database_proxy.cut()  # the open connection is dropped
    # The home page reads the database (what is new), but it was stored: it is served.
    home = visitor().get("/")
    assert home.status_code == 200 and home["X-Page-Cache"] == "hit"
    assert_unavailable(visitor().get("/exchange/"))
    connection.close()  # as Django does after a request whose connection failed: new
    # connections are refused from now on.
    stored = visitor().get(trip.get_absolute_url())
    assert stored.status_code == 200 and stored["X-Page-Cache"] == "hit"
    assert b"Study tour of Danish industry" in stored.content
    assert_unavailable(visitor().get("/roadmap/"))
    assert_unavailable(visitor().get("/ar/roadmap/"), "ar")  # in the language asked for
    assert_unavailable(sign_up(visitor()))
    assert_unavailable(staff.get("/admin/"))  # the session is read in a middleware
    health = visitor().get("/healthz")
    assert health.status_code == 503 and health.json()["database"] == "down"


@pytest.mark.postgres
def test_a_postgresql_that_does_not_answer_is_a_503_within_the_connect_timeout(
    database_proxy, topic
):
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == 5  # from the settings
    cache.clear()
    connection.close()
    database_proxy.stall()  # new connections are accepted and never answered
    started = time.monotonic()
    assert_unavailable(visitor().get("/roadmap/"))
    assert time.monotonic() - started < 10
