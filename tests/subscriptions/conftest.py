from contextlib import suppress
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.utils import translation
from redis.exceptions import RedisError

from cleanindustry.celery import app
from subscriptions import rate
from subscriptions.models import Subscriber, Topic, Update
from tests.proxy import TcpProxy


@pytest.fixture(autouse=True)
def _eager_tasks(eager_tasks):
    """Tasks run in-process unless a test drives a real worker (see test_real_worker.py)."""


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


@pytest.fixture(autouse=True)
def _no_sending_pause():
    """Each test starts with the shared sending rate's slots and pause forgotten (it is in
    REDIS_URL's Redis, when there is one, which real workers share with the test)."""

    def clear():
        with suppress(RedisError):  # no Redis here: nothing was kept in it either
            rate.limiter().clear()

    clear()
    yield
    clear()


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


OUTAGE_BROKER_DB = 12


@pytest.fixture
def broker_proxy(redis_url):
    """Tasks queued on the real Redis broker through a proxy the test can cut
    (tests/proxy.py); not run in-process."""
    real = urlsplit(redis_url)
    proxy = TcpProxy(real.hostname or "127.0.0.1", real.port or 6379)
    saved = app.conf.broker_url, app.conf.task_always_eager
    # A Redis database of its own: tasks other tests queued on the real broker (with eager
    # mode off, outside this folder) are not this test's.
    app.conf.broker_url = real._replace(
        netloc=f"127.0.0.1:{proxy.port}", path=f"/{OUTAGE_BROKER_DB}"
    ).geturl()
    proxy.broker_url = real._replace(path=f"/{OUTAGE_BROKER_DB}").geturl()  # for a real worker
    app.conf.task_always_eager = False
    # Celery keeps broker connections in pools made on first use; this is its own reset of
    # them (as in a forked worker), so the next task goes to the broker set above.
    app._after_fork()
    app.control.purge()  # leftovers of an earlier, interrupted run
    yield proxy
    proxy.cut()
    app.conf.broker_url, app.conf.task_always_eager = saved
    app._after_fork()
    app.control.purge()


def run_queued_tasks(timeout: float = 5.0) -> list[str]:
    """Take the task messages waiting on the broker and run them here, as a worker would
    (a real one: tests/subscriptions/test_real_worker.py). The names of the tasks run."""
    names = []
    with app.connection_for_read() as connection:
        queue = connection.SimpleQueue(app.conf.task_default_queue)
        while True:
            try:
                message = queue.get(timeout=timeout if not names else 0.5)
            except queue.Empty:
                return names
            args, kwargs, _ = message.decode()
            names.append(message.headers["task"])
            app.tasks[message.headers["task"]].apply(args, kwargs)
            message.ack()
