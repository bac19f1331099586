import io
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from subscriptions import emails, rate, services
from subscriptions.models import Delivery, Subscriber, Suppression, Topic, Update
from subscriptions.services import sending

from .backends import FlakyBackend
from .conftest import make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.backends.FlakyBackend"
    FlakyBackend.failures, FlakyBackend.opened = {}, 0
    return FlakyBackend


def send(update, capture):
    with capture(execute=True):
        return services.send_update(update=update)


def test_a_second_send_sends_nothing(
    confirmed_subscriber, update, django_capture_on_commit_callbacks
):
    send(update, django_capture_on_commit_callbacks)
    send(update, django_capture_on_commit_callbacks)
    call_command("send_update", str(update.pk), stdout=io.StringIO())
    assert len(mail.outbox) == 1
    update.refresh_from_db()
    assert update.status == Update.Status.SENT
    assert update.deliveries.get().status == Delivery.Status.SENT


def test_only_confirmed_immediate_followers_of_the_topics_receive_it(
    topic, other_topic, update, django_capture_on_commit_callbacks
):
    make_subscriber("yes@example.org", [topic, other_topic])
    make_subscriber("other-topic@example.org", [other_topic])
    make_subscriber("pending@example.org", [topic], status=Subscriber.Status.PENDING)
    make_subscriber("gone@example.org", [topic], status=Subscriber.Status.UNSUBSCRIBED)
    make_subscriber("weekly@example.org", [topic], frequency=Subscriber.Frequency.WEEKLY)
    send(update, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["yes@example.org"]]


def test_every_message_has_both_parts_its_own_links_and_one_click_headers(
    confirmed_subscriber, update, django_capture_on_commit_callbacks
):
    send(update, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    headers = message.extra_headers
    token = confirmed_subscriber.token
    assert headers["List-Unsubscribe"].startswith(
        f"<https://portal.example.org/updates/unsubscribe/{token}/>, <mailto:"
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    delivery = update.deliveries.get()
    assert headers["Message-ID"] == delivery.message_id
    assert f"/updates/manage/{token}/" in message.body
    html = message.alternatives[0][0]
    assert "<strong>hub</strong>" in html
    assert "<script>" not in html
    assert f"/updates/unsubscribe/{token}/" in html


def test_one_connection_is_opened_per_batch(
    topic, update, flaky, settings, django_capture_on_commit_callbacks
):
    settings.SUBSCRIPTIONS_BATCH_SIZE = 10
    for n in range(25):
        make_subscriber(f"s{n}@example.org", [topic])
    assert send(update, django_capture_on_commit_callbacks) == 3
    assert len(mail.outbox) == 25
    assert flaky.opened == 3


def test_a_4xx_answer_is_retried_later_and_a_5xx_answer_fails_for_good(
    topic, update, flaky, django_capture_on_commit_callbacks
):
    make_subscriber("later@example.org", [topic])
    make_subscriber("never@example.org", [topic])
    make_subscriber("fine@example.org", [topic])
    flaky.failures = {
        "later@example.org": [(451, "4.3.0 try again later")],
        "never@example.org": [(550, "5.1.1 no such user")],
    }
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)  # creates the rows; the batch runs below
    retry_in = services.send_next_batch(update_id=update.pk)
    assert retry_in == 30
    rows = {d.subscriber.email: d for d in update.deliveries.select_related("subscriber")}
    assert rows["fine@example.org"].status == Delivery.Status.SENT
    assert rows["never@example.org"].status == Delivery.Status.FAILED
    assert "no such user" in rows["never@example.org"].last_error
    assert rows["later@example.org"].status == Delivery.Status.QUEUED
    assert rows["later@example.org"].not_before > timezone.now()
    assert services.send_next_batch(update_id=update.pk) is None  # not due yet: nothing sent
    Delivery.objects.update(not_before=timezone.now())
    services.send_next_batch(update_id=update.pk)
    assert sorted(m.to[0] for m in mail.outbox) == ["fine@example.org", "later@example.org"]
    update.refresh_from_db()
    assert update.status == Update.Status.SENT
    assert services.progress(update=update)["failed"] == 1


def rows_by_email(update):
    return {d.subscriber.email: d for d in update.deliveries.select_related("subscriber")}


def test_a_slow_down_pauses_every_worker_gives_the_batch_back_and_later_delivers_each_once(
    topic, update, flaky, settings
):
    emails = [f"s{n}@example.org" for n in range(5)]
    for email in emails:
        make_subscriber(email, [topic])
    flaky.failures = {"s2@example.org": [smtplib.SMTPDataError(451, b"4.7.1 Slow down")]}
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)  # creates the rows; the batches run below
    assert services.send_next_batch(update_id=update.pk) == 30
    assert [m.to[0] for m in mail.outbox] == emails[:2]
    rows = rows_by_email(update)
    assert {email: rows[email].attempts for email in emails[2:]} == {
        "s2@example.org": 1,  # refused: one attempt
        "s3@example.org": 0,  # never handed to the server
        "s4@example.org": 0,
    }
    later = timezone.now() + timedelta(seconds=25)
    assert all(rows[e].status == Delivery.Status.QUEUED for e in emails[2:])
    assert all(rows[e].not_before > later for e in emails[2:])
    assert 25 < rate.limiter().paused_for() <= 30
    # Any worker, with due rows or not, claims nothing until the pause is over.
    Delivery.objects.filter(status=Delivery.Status.QUEUED).update(not_before=None)
    assert 25 < services.send_next_batch(update_id=update.pk) <= 30
    assert len(mail.outbox) == 2
    assert not Delivery.objects.filter(status=Delivery.Status.SENDING).exists()

    rate.limiter().clear()  # the pause is over
    assert services.send_next_batch(update_id=update.pk) is None
    assert sorted(m.to[0] for m in mail.outbox) == emails
    update.refresh_from_db()
    assert update.status == Update.Status.SENT


def test_a_pause_another_worker_heard_mid_batch_gives_back_the_unsent_rest(
    topic, update, flaky, settings
):
    settings.SUBSCRIPTIONS_MAX_RATE = 1000  # with a rate, every message asks the limiter
    emails = [f"s{n}@example.org" for n in range(4)]
    for email in emails:
        make_subscriber(email, [topic])
    # While s1 is being sent, another worker is told to slow down for 20 s.
    flaky.failures = {"s1@example.org": [lambda: rate.limiter().pause(20)]}
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)
    assert 15 < services.send_next_batch(update_id=update.pk) <= 20
    assert [m.to[0] for m in mail.outbox] == emails[:2]
    rows = rows_by_email(update)
    assert [rows[e].status for e in emails] == ["sent", "sent", "queued", "queued"]
    assert rows["s2@example.org"].attempts == 0
    rate.limiter().clear()
    Delivery.objects.update(not_before=None)
    services.send_next_batch(update_id=update.pk)
    assert sorted(m.to[0] for m in mail.outbox) == emails


def test_an_expired_lease_is_claimed_again_and_a_live_one_is_not(
    confirmed_subscriber, update, settings
):
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)
    first = services.claim_batch(update_id=update.pk)
    assert len(first) == 1
    assert services.claim_batch(update_id=update.pk) == []  # leased to the first worker
    Delivery.objects.update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    assert services.claim_batch(update_id=update.pk) == first  # its worker died


def test_the_documented_window_a_crash_after_smtp_accepted_resends_that_one_message(
    topic, update, monkeypatch
):
    """Kill between SMTP's 250 and the "sent" commit: that message, and only it, goes twice."""
    for n in range(3):
        make_subscriber(f"s{n}@example.org", [topic])
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)

    def crash(delivery, message_id):
        raise SystemExit("worker killed")

    with monkeypatch.context() as patch:
        patch.setattr(sending, "_mark_sent", crash)
        with pytest.raises(SystemExit):
            services.send_next_batch(update_id=update.pk)
    assert len(mail.outbox) == 1  # the first message was accepted, then the worker died
    Delivery.objects.update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    services.send_next_batch(update_id=update.pk)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["s0@example.org", "s0@example.org", "s1@example.org", "s2@example.org"]
    assert mail.outbox[0].extra_headers["Message-ID"] == mail.outbox[1].extra_headers["Message-ID"]


def test_someone_who_unsubscribes_during_sending_gets_nothing(
    confirmed_subscriber, update, django_capture_on_commit_callbacks
):
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)
    services.unsubscribe(token=confirmed_subscriber.token)
    services.send_next_batch(update_id=update.pk)
    assert mail.outbox == []
    assert update.deliveries.get().status == Delivery.Status.CANCELLED


def test_send_now_starts_sending_once_the_transaction_commits_and_only_once(
    confirmed_subscriber, update, django_capture_on_commit_callbacks
):
    """What the admin's "Send now" calls: it queues the start, never a task of its own."""
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_now(update=update)
        assert mail.outbox == []  # nothing goes out before the commit
    assert [m.to for m in mail.outbox] == [[confirmed_subscriber.email]]
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert not services.send_now(update=update)  # already sent
    assert queued == [] and len(mail.outbox) == 1


def test_scheduled_updates_go_out_when_due(
    confirmed_subscriber, update, django_capture_on_commit_callbacks
):
    services.schedule(update=update, when=timezone.now() + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.send_due_updates()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.send_due_updates(now=timezone.now() + timedelta(hours=2))
    assert len(mail.outbox) == 1


def test_the_weekly_digest_gathers_last_weeks_updates_for_weekly_subscribers(
    topic, other_topic, update, django_capture_on_commit_callbacks
):
    weekly = make_subscriber("weekly@example.org", [topic], frequency="weekly")
    make_subscriber("weekly-other@example.org", [other_topic], frequency="weekly")
    make_subscriber("now@example.org", [topic])
    send(update, django_capture_on_commit_callbacks)
    sent_at = timezone.make_aware(timezone.datetime(2026, 11, 18, 10))  # a Wednesday
    Update.objects.filter(pk=update.pk).update(sent_at=sent_at)
    mail.outbox.clear()
    monday = timezone.make_aware(timezone.datetime(2026, 11, 23, 8))
    with django_capture_on_commit_callbacks(execute=True):
        digest = services.send_weekly_digest(now=monday)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_weekly_digest(now=monday) == digest  # once a week only
    assert [m.to for m in mail.outbox] == [[weekly.email]]
    assert update.subject in mail.outbox[0].body
    assert not Update.objects.archived().filter(pk=digest.pk).exists()


def test_content_apps_use_the_public_functions(topic):
    action = services.ensure_topic(key="action:hub", title="Build a hub", url="/roadmap/hub/")
    again = services.ensure_topic(key="action:hub", title="Build the hub", url="/roadmap/hub/")
    assert again.pk == action.pk and again.title == "Build the hub"
    draft = services.draft_update_for(
        topic_keys=["action:hub"], subject="Hub news", body_html="<p>News</p>", url="/roadmap/hub/"
    )
    assert draft.status == Update.Status.DRAFT
    assert list(draft.topics.all()) == [action]
    assert draft.body_text == "News"


def test_a_failed_delivery_is_logged_by_its_id_without_the_address(
    topic, update, flaky, caplog, django_capture_on_commit_callbacks
):
    make_subscriber("never@example.org", [topic])
    flaky.failures = {"never@example.org": [(550, "5.1.1 <never@example.org>: no such user")]}
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)
    services.send_next_batch(update_id=update.pk)
    delivery = update.deliveries.get()
    assert delivery.status == Delivery.Status.FAILED
    assert f"Delivery {delivery.pk} failed for good" in caplog.text
    assert "550" in caplog.text
    assert "never@" not in caplog.text


def test_a_refused_confirmation_is_logged_without_the_address(topic, flaky, caplog):
    from celery.exceptions import Retry

    from subscriptions import tasks

    subscriber = make_subscriber("gone@example.org", [topic], status=Subscriber.Status.PENDING)
    flaky.failures = {"gone@example.org": [(450, "4.2.1 <gone@example.org> busy")]}
    with pytest.raises(Retry) as retry:  # run eagerly, the retry is raised, not queued
        tasks.send_confirmation.apply(args=[subscriber.pk])
    # What a worker logs for each retry and for the final failure: "Retry in 30s: <error>".
    assert f"(SMTP 450) emailing subscriber {subscriber.pk}" in str(retry.value)
    assert "gone@" not in caplog.text + str(retry.value)


# --- The cost of a batch -----------------------------------------------------------------------


def fanned_out(*, send: int, unsubscribed: int = 0, suppressed: int = 0, erased: int = 0):
    """An update of a topic of its own fanned out to that many subscribers, then (before its
    batch runs) that many of them unsubscribed, suppressed (a bounce came in) and erased."""
    update = Update.objects.create(subject="Hub study published", body_html="<p>Out.</p>")
    topic = Topic.objects.create(key=f"section:{update.pk}", slug=f"t{update.pk}", title="T")
    update.topics.set([topic])
    groups = {"send": send, "unsub": unsubscribed, "suppr": suppressed, "erased": erased}
    subscribers = {
        group: [make_subscriber(f"{group}{n}.{update.pk}@example.org", [topic]) for n in range(k)]
        for group, k in groups.items()
    }
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)
    for subscriber in subscribers["unsub"]:
        services.unsubscribe(token=subscriber.token)
    for subscriber in subscribers["suppr"]:
        services.suppress(subscriber.email, reason=Suppression.Reason.HARD_BOUNCE, source="test")
    Subscriber.objects.filter(pk__in=[s.pk for s in subscribers["erased"]]).delete()
    return update


def queries_of_one_batch(update) -> int:
    with CaptureQueriesContext(connection) as queries:
        services.send_next_batch(update_id=update.pk)
    return len(queries)


def statements_of_one_sent_mark() -> int:
    """The "sent" mark's statements: its UPDATE, on PostgreSQL the SET LOCAL before it, and
    here, inside the test's transaction, the savepoint around them."""
    delivery = Delivery.objects.first()
    with CaptureQueriesContext(connection) as queries:
        sending._mark_sent(delivery, "<id@example.org>")
    return len(queries)


def test_a_batch_runs_the_same_queries_whatever_it_sets_aside_and_one_commit_per_message_sent(
    db, settings
):
    """Each message sent is marked "sent" in its own commit (the exactly-once window, see
    services/sending.py): that is the one query per message. Everything else is per batch:
    rows cancelled (unsubscribed, erased) or suppressed since the fan-out are one UPDATE per
    outcome however many, and the suppression list is asked once."""
    settings.SUBSCRIPTIONS_BATCH_SIZE = 100
    few = fanned_out(send=2, unsubscribed=1, suppressed=1, erased=1)
    many = fanned_out(send=2, unsubscribed=7, suppressed=7, erased=7)
    more_sent = fanned_out(send=6, unsubscribed=1, suppressed=1, erased=1)
    baseline = queries_of_one_batch(few)
    assert queries_of_one_batch(many) == baseline
    assert queries_of_one_batch(more_sent) == baseline + 4 * statements_of_one_sent_mark()
    assert len(mail.outbox) == 10
    counts = services.progress(update=many)
    assert (counts["sent"], counts["cancelled"], counts["suppressed"]) == (2, 14, 7)
    many.refresh_from_db()
    assert many.status == Update.Status.SENT


@pytest.mark.parametrize("max_rate", [0, 1000])
def test_without_a_rate_a_batch_asks_the_shared_limiter_once_not_per_message(
    topic, update, settings, monkeypatch, max_rate
):
    """Unlimited, the limiter's one round trip a batch is the pause; with a rate, each message
    takes its slot right before it goes (subscriptions/rate.py: it counts from then until a
    second after the provider answered)."""
    settings.SUBSCRIPTIONS_MAX_RATE = max_rate
    for n in range(5):
        make_subscriber(f"s{n}@example.org", [topic])
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)
    limiter, asked = rate.limiter(), []
    paused_for, take = limiter.paused_for, limiter._take
    monkeypatch.setattr(limiter, "paused_for", lambda: asked.append("pause?") or paused_for())
    monkeypatch.setattr(limiter, "_take", lambda token: asked.append("slot") or take(token))
    assert services.send_next_batch(update_id=update.pk) is None
    assert len(mail.outbox) == 5
    assert asked == ["pause?"] + (["slot"] * 5 if max_rate else [])


def test_a_worker_renders_an_update_once_until_it_is_edited(topic, update, settings, monkeypatch):
    settings.SUBSCRIPTIONS_BATCH_SIZE = 2
    for n in range(6):
        make_subscriber(f"s{n}@example.org", [topic])
    rendered = []
    version = emails._Version
    monkeypatch.setattr(
        emails, "_Version", lambda language: rendered.append(language) or version(language)
    )
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)
    services.send_next_batch(update_id=update.pk)
    services.send_next_batch(update_id=update.pk)
    assert rendered == ["en"]  # two batches, one rendering
    update.refresh_from_db()
    update.subject = "Hub study published (corrected)"
    update.save()
    services.send_next_batch(update_id=update.pk)
    assert rendered == ["en", "en"]
    assert [m.subject for m in mail.outbox] == ["Hub study published"] * 4 + [update.subject] * 2


@pytest.mark.django_db(transaction=True)
def test_the_sent_mark_alone_commits_without_waiting_for_the_disk(postgres, update, topic):
    """Asynchronous commit for the "sent" mark only (services/sending.py): it is committed
    (another connection sees it), and the connection's setting is back to synchronous after."""
    subscriber = make_subscriber("reader@example.org", [topic])
    delivery = Delivery.objects.create(update=update, subscriber=subscriber)
    with CaptureQueriesContext(connection) as queries:
        sending._mark_sent(delivery, "<id@example.org>")
    statements = [q["sql"] for q in queries]
    assert statements[:2] == ["BEGIN", "SET LOCAL synchronous_commit TO OFF"], statements
    assert statements[2].startswith("UPDATE") and statements[3:] == ["COMMIT"], statements
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute(
                f"SELECT status FROM {Delivery._meta.db_table} WHERE id = %s", [delivery.pk]
            )
            assert cursor.fetchone()[0] == Delivery.Status.SENT
    finally:
        other.close()
