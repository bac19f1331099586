import pytest
from django.core.cache import cache
from django.utils import translation

from cleanindustry.celery import app
from subscriptions.models import Subscriber, Topic, Update


@pytest.fixture(autouse=True)
def _eager_tasks():
    """Tasks run in-process unless a test drives a real worker (see test_real_worker.py)."""
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture(autouse=True)
def _default_language():
    """Start and end each test in the default language: a request to /es/... leaves Spanish
    active in the thread, which would change what a later `Update(subject=...)` writes."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clean_rate_limits(settings):
    settings.SITE_URL = "https://portal.example.org"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def topic(db):
    return Topic.objects.create(key="section:roadmap", slug="roadmap", title="Roadmap")


@pytest.fixture
def other_topic(db):
    return Topic.objects.create(key="section:exchange", slug="exchange", title="Exchange")


def make_subscriber(email, topics, **fields):
    subscriber = Subscriber.objects.create(
        email=email, status=fields.pop("status", Subscriber.Status.CONFIRMED), **fields
    )
    subscriber.topics.set(topics)
    return subscriber


@pytest.fixture
def confirmed_subscriber(topic):
    return make_subscriber("reader@example.org", [topic])


@pytest.fixture
def update(topic):
    update = Update.objects.create(
        subject="Hub study published",
        body_html="<p>The <strong>hub</strong> study is out.</p><script>alert(1)</script>",
        url="/roadmap/",
    )
    update.topics.set([topic])
    return update
