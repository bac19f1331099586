"""Real services end to end: a Celery worker subprocess on the real Redis broker, sending to
a real SMTP server on loopback, against the real PostgreSQL test database.

These need PostgreSQL (a subprocess cannot share SQLite in memory) and Redis; they skip
without them and fail under CI=true (see tests/services.py).
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from cleanindustry.celery import app
from subscriptions import outbox, services
from subscriptions.models import Delivery, OwedEmail, Subscriber, Suppression, Update
from tests.services import missing

from . import webhooks
from .conftest import make_subscriber
from .smtp_sink import free_port, start_sink
from .test_rate import busiest_second

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

BASE_DIR = Path(settings.BASE_DIR)
CELERY = str(Path(sys.executable).with_name("celery"))


def wait_for(condition, timeout=60.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def real(postgres, redis_url, transactional_db, settings, tmp_path):
    """The sink, plus a function that starts workers; everything stops at the end."""
    settings.SUBSCRIPTIONS_BATCH_SIZE = 10
    settings.SITE_URL = "https://portal.example.org"
    sink, controller = start_sink()
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()  # leftovers of an earlier, interrupted run
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}"
            f":{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
        "SITE_URL": settings.SITE_URL,
        "DEFAULT_FROM_EMAIL": "Clean Industry Initiative <updates@portal.example.org>",
        "SUBSCRIPTIONS_BATCH_SIZE": "10",
        "SUBSCRIPTIONS_LEASE_SECONDS": "2",
        "SUBSCRIPTIONS_RETRY_BASE_SECONDS": "1",
        "CONN_MAX_AGE": "0",
        "LOG_LEVEL": "WARNING",
    }
    workers = []

    def start_worker(**overrides):
        log = open(tmp_path / f"worker-{len(workers)}.log", "w")  # noqa: SIM115
        worker = subprocess.Popen(
            [CELERY, "-A", "cleanindustry", "worker", "--pool", "solo", "--loglevel", "WARNING",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"subs-test-{uuid.uuid4().hex[:8]}@%h"],
            cwd=BASE_DIR, env={**env, **overrides}, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        workers.append((worker, log))
        return worker

    start_worker.env = env
    yield sink, start_worker
    for worker, log in workers:
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        log.close()
    sink.hold_after = None
    controller.stop()
    app.control.purge()
    app.conf.task_always_eager = saved


def sent(update):
    update.refresh_from_db()
    return update.status == Update.Status.SENT


def assert_exactly_one_copy_each(sink, emails):
    copies = {email: len(sink.to(email)) for email in emails}
    assert copies == dict.fromkeys(emails, 1)


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(real, topic, update):
    sink, start_worker = real
    emails = [f"s{n:02}@example.org" for n in range(30)]
    for email in emails:
        make_subscriber(email, [topic])
    sink.hold_after = 5  # the 6th message hangs in DATA: the worker is mid-batch
    first = start_worker()
    services.send_update(update=update)
    assert sink.holding.wait(30), "the first worker never started sending"
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert sink.count() == 5
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 5
    sink.hold_after = None

    start_worker()
    # The killed worker's batch is leased for 2 s; after that beat's sweep hands it out again.
    time.sleep(2.2)
    services.resume_sending()
    wait_for(lambda: sent(update), what="the update to finish")
    assert_exactly_one_copy_each(sink, emails)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_a_dropped_database_connection_mid_batch_loses_nothing_and_sends_nothing_twice(
    real, topic, update
):
    sink, start_worker = real
    emails = [f"d{n:02}@example.org" for n in range(20)]
    for email in emails:
        make_subscriber(email, [topic])
    sink.hold_after = 5  # the worker waits on the mail server, its database connection open
    start_worker()
    services.send_update(update=update)
    assert sink.holding.wait(30), "the worker never started sending"
    with connection.cursor() as cursor:  # what a database failover does to the worker
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1
    sink.hold_after = None
    wait_for(lambda: sent(update), what="the update to finish")
    assert_exactly_one_copy_each(sink, emails)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of this test's own, which it may kill and restart (empty, as after a
    crash of a Redis that keeps nothing on disk)."""
    port = free_port()
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
               "--appendonly", "no", "--dir", str(tmp_path)]  # fmt: skip
    servers = []

    def start():
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        servers.append(server)
        wait_for(lambda: _accepts(port), timeout=10, what="redis-server to start")
        return server

    start.url = f"redis://127.0.0.1:{port}/0"
    yield start
    for server in servers:
        server.kill()
        server.wait()


def _accepts(port) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), 0.2).close()
        return True
    except OSError:
        return False


def run_django(env, code):
    """Python in a fresh process with the workers' environment (and so their broker)."""
    subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR, env={**env, "DJANGO_SETTINGS_MODULE": "cleanindustry.settings"},
        check=True, timeout=60,
    )  # fmt: skip


def test_a_redis_restart_mid_send_loses_nothing_and_sends_nothing_twice(
    real, private_redis, topic, update
):
    if not shutil.which("redis-server"):
        missing("this test needs redis-server on the PATH to restart a Redis of its own")
    sink, start_worker = real
    redis = private_redis()
    env = {**start_worker.env, "REDIS_URL": private_redis.url}
    emails = [f"q{n:02}@example.org" for n in range(30)]
    for email in emails:
        make_subscriber(email, [topic])
    sink.hold_after = 5  # the first batch is mid-send; two more batch tasks wait in Redis
    start_worker(REDIS_URL=private_redis.url)
    send = f"services.send_update(update=models.Update.objects.get(pk={update.pk}))"
    run_django(env, f"from subscriptions import services, models; {send}")
    assert sink.holding.wait(30), "the worker never started sending"
    redis.kill()  # every queued task message is gone with it
    redis.wait()
    private_redis()
    sink.hold_after = None

    def finished_after_sweep():
        # What beat does every minute: hand out again what no live task will send.
        run_django(env, "from subscriptions import services; services.resume_sending()")
        return sent(update)

    wait_for(finished_after_sweep, what="the update to finish after the restart")
    assert_exactly_one_copy_each(sink, emails)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_451_answers_are_retried_until_delivered_once_and_550_fails_for_good(
    real, topic, update, settings
):
    sink, start_worker = real
    emails = [f"r{n}@example.org" for n in range(6)]
    for email in [*emails, "nobody@example.org"]:
        make_subscriber(email, [topic])
    sink.refuse = {
        "r1@example.org": ["451 4.3.0 Try again later"],
        "r4@example.org": ["451 4.7.1 Greylisted", "451 4.7.1 Greylisted"],
        "nobody@example.org": ["550 5.1.1 No such user"],
    }
    make_subscriber("weekly@example.org", [topic], frequency="weekly")
    start_worker()
    shown = services.audience(update)  # what the admin shows before sending
    services.send_update(update=update)
    wait_for(lambda: sent(update), what="the update to finish")
    assert (shown.now, shown.weekly) == (Delivery.objects.count(), 1) == (7, 1)
    assert_exactly_one_copy_each(sink, emails)
    assert sink.to("nobody@example.org") == []
    failed = Delivery.objects.get(status=Delivery.Status.FAILED)
    assert failed.subscriber.email == "nobody@example.org"
    assert "No such user" in failed.last_error
    assert Delivery.objects.get(subscriber__email="r4@example.org").attempts == 3
    # The 550 to the recipient was a hard bounce, and a provider's webhook reports another:
    # the next update tries neither.
    suppression = Suppression.objects.get()
    assert (suppression.email, suppression.reason) == ("nobody@example.org", "hard_bounce")
    settings.ANYMAIL = {"WEBHOOK_SECRET": [webhooks.SECRET]}
    bounce = webhooks.postmark("r5@example.org", "bounce", when=timezone.now())
    assert bounce.send(Client()).status_code == 200
    second = Update.objects.create(subject="Second")
    second.topics.set([topic])
    services.send_update(update=second)
    wait_for(lambda: sent(second), what="the second update to finish")
    assert sorted(second.deliveries.values_list("subscriber__email", flat=True)) == emails[:5]
    assert sink.to("nobody@example.org") == [] and len(sink.to("r5@example.org")) == 1

    # Staff send the failure again (the admin's button): the worker asks the suppression list
    # again, and the refused address gets nothing; the update keeps its place in the archive.
    sent_at = update.sent_at
    assert services.retry_failed(update=update) == 1
    wait_for(lambda: Delivery.objects.filter(status=Delivery.Status.SUPPRESSED).exists(),
             what="the failure sent again")  # fmt: skip
    assert failed.subscriber.email == "nobody@example.org" and sink.to("nobody@example.org") == []
    # Nobody else got the first update again: two copies (both updates), r5 one.
    copies = {email: len(sink.to(email)) for email in emails}
    assert copies == {**dict.fromkeys(emails[:5], 2), emails[5]: 1}
    update.refresh_from_db()
    assert update.status == Update.Status.SENT and update.sent_at == sent_at


def test_two_workers_keep_one_rate_and_both_pause_when_the_server_says_slow_down(
    real, topic, update
):
    sink, start_worker = real
    per_second = 15
    emails = [f"w{n:02}@example.org" for n in range(40)]
    for email in emails:
        make_subscriber(email, [topic])
    sink.refuse_data = {"w20@example.org": ["451 4.7.1 Slow down"]}
    for _ in range(2):
        start_worker(SUBSCRIPTIONS_MAX_RATE=str(per_second), SUBSCRIPTIONS_RETRY_BASE_SECONDS="2")
    services.send_update(update=update)
    wait_for(lambda: sent(update), what="the update to finish")
    assert_exactly_one_copy_each(sink, emails)
    assert busiest_second(sink.times) <= per_second
    ((refused_at, _, _),) = sink.refused_at
    # Both workers wait out the 2-second pause (a message already on its way may land).
    assert [t for t in sink.times if refused_at + 0.3 < t < refused_at + 1.9] == []
    assert Delivery.objects.get(subscriber__email="w20@example.org").attempts == 2


def test_sign_up_confirm_receive_and_one_click_unsubscribe(real, topic, update):
    sink, start_worker = real
    start_worker()
    client = Client()
    email = "journey@example.org"
    response = client.post(
        "/updates/subscribe/", {"email": email, "topics": [topic.key], "frequency": "immediately"}
    )
    assert response.status_code == 302
    wait_for(lambda: sink.to(email), what="the confirmation email")
    confirmation = sink.to(email)[0]
    text = confirmation.get_body(("plain",)).get_content()
    link = re.search(r"https://portal\.example\.org(/updates/confirm/\S+/)", text)[1]
    assert confirmation.get_body(("html",)) is not None
    client.get(link)
    assert Subscriber.objects.get(email=email).status == Subscriber.Status.PENDING
    client.post(link)
    assert Subscriber.objects.get(email=email).status == Subscriber.Status.CONFIRMED
    wait_for(lambda: len(sink.to(email)) == 2, what="the welcome email")
    assert "Welcome" in sink.to(email)[1]["Subject"]
    # On the sending domain, as every message's (issue 16): never the worker's host name.
    for message in sink.to(email):
        assert message["Message-ID"].strip().endswith("@portal.example.org>")

    services.send_update(update=update)
    wait_for(lambda: sent(update), what="the update to finish")
    message = sink.to(email)[2]
    assert message["Subject"] == update.subject
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"] == Delivery.objects.get().message_id
    one_click = re.search(r"<https://portal\.example\.org(/updates/unsubscribe/[^>]+)>",
                          message["List-Unsubscribe"])[1]  # fmt: skip
    assert "mailto:" in message["List-Unsubscribe"]
    provider = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token
    response = provider.post(one_click, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.get(email=email).status == Subscriber.Status.UNSUBSCRIBED


def test_a_sign_up_while_the_broker_is_down_is_confirmed_once_it_is_back(real, broker_proxy, topic):
    sink, start_worker = real
    start_worker(REDIS_URL=broker_proxy.broker_url)  # on the real Redis; we queue via the proxy
    email = "outage@example.org"
    broker_proxy.cut()
    data = {"email": email, "topics": [topic.key], "frequency": "immediately"}
    response = Client().post("/updates/subscribe/", data)
    assert response.status_code == 302
    assert Subscriber.objects.get(email=email).status == Subscriber.Status.PENDING
    assert OwedEmail.objects.filter(subscriber__email=email).exists()

    broker_proxy.restore()
    # What beat's send_owed_emails does every minute, a minute later.
    outbox.hand_over_owed(now=timezone.now() + outbox.SWEEP_AFTER)
    wait_for(lambda: sink.to(email), what="the confirmation email")
    assert not OwedEmail.objects.exists()
    assert len(sink.to(email)) == 1
