"""Fixtures shared by the whole suite.

The suite runs on whatever DATABASE_URL and REDIS_URL name (CI: PostgreSQL and Redis) and on
SQLite and local memory otherwise. A test that needs a real service asks for it through
`require_service`; it skips where the service is missing, and fails under CI=true instead.
"""

import os

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from tests import services
from tests.factories import give_second_factor


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs `collectstatic`; tests read files straight from static/.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _english_between_tests():
    # A request to /es/... leaves Spanish active in this thread; the next test starts in English.
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(params=["en", "es"])
def language(request):
    """The interface's languages: a test that takes `language` runs once in each, reading
    its pages through tests/languages.py and its expected texts from a dict keyed on it."""
    return request.param


@pytest.fixture
def fresh_cache():
    """An empty cache before and after: whole pages are cached for anonymous visitors (in
    Redis, across tests, under CI), and rows changed with .update() send no signal."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser, with the second factor every staff account must have."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "password")
    return give_second_factor(user)


@pytest.fixture
def staff_client(client, django_user_model):
    """A signed-in staff member of `group` who has set up a second factor, as the admin requires."""

    def make(group: str):
        user = django_user_model.objects.create_user(
            username=f"{group.lower()}@example.org",
            email=f"{group.lower()}@example.org",
            is_staff=True,
        )
        user.groups.add(Group.objects.get(name=group))
        give_second_factor(user)
        client.force_login(user)
        client.user = user
        return client

    return make


@pytest.fixture
def editor_client(staff_client):
    return staff_client("Editors")


@pytest.fixture
def publisher_client(staff_client):
    return staff_client("Publishers")


@pytest.fixture
def content(db):
    """The initiative's own content, as `make run` loads it."""
    call_command("load_initiative_content", verbosity=0)


@pytest.fixture
def eager_tasks():
    """Celery tasks run in this process (CI has a real broker; tests that drive a real worker
    say so)."""
    from cleanindustry.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def postgres(settings):
    services.require_postgres()


@pytest.fixture
def redis_url():
    return services.require_redis()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright: never a browser download."""
    executable = services.require_chromium()
    # Playwright's sync API runs an event loop in this thread; Django must still talk to the DB.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
