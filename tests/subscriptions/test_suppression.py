"""The suppression list (subscriptions/services/suppression.py): every sending path honours
it, SMTP refusals feed it, staff see, add and lift suppressions."""

import io
import smtplib
from datetime import timedelta

import pytest
from anymail.exceptions import AnymailRecipientsRefused
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from subscriptions import services, tasks
from subscriptions.models import Delivery, Subscriber, Suppression, Update

from . import webhooks
from .backends import FlakyBackend
from .conftest import make_subscriber
from .test_bounces import DAY
from .test_signup import SUBSCRIBE, sign_up

pytestmark = pytest.mark.django_db

Reason = Suppression.Reason


def suppress(email, reason=Reason.HARD_BOUNCE):
    return services.suppress(email, reason=reason, source="test")[0]


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.backends.FlakyBackend"
    FlakyBackend.failures, FlakyBackend.opened = {}, 0
    return FlakyBackend


def test_one_address_is_suppressed_once_and_a_lifted_one_can_be_suppressed_again(admin_user):
    first, created = services.suppress("Gone@Example.org ", reason=Reason.HARD_BOUNCE)
    assert created and first.email == "gone@example.org"
    again, created = services.suppress("gone@example.org", reason=Reason.COMPLAINT)
    assert not created and again == first and again.reason == Reason.HARD_BOUNCE
    assert not services.may_send("GONE@example.org")
    services.lift_suppression(first, user=admin_user, note="Fixed their mailbox")
    assert services.may_send("gone@example.org")
    second, created = services.suppress("gone@example.org", reason=Reason.COMPLAINT)
    assert created and second != first
    assert Suppression.objects.count() == 2  # the lifted one stays, as history


def test_the_fan_out_leaves_out_suppressed_addresses(
    topic, update, django_capture_on_commit_callbacks
):
    make_subscriber("fine@example.org", [topic])
    gone = make_subscriber("gone@example.org", [topic])
    suppress("gone@example.org")
    assert list(services.recipients(update)) == [Subscriber.objects.get(email="fine@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        services.send_update(update=update)
    assert [m.to for m in mail.outbox] == [["fine@example.org"]]
    assert not Delivery.objects.filter(subscriber=gone).exists()


def test_an_address_suppressed_during_a_send_gets_nothing(topic, update):
    make_subscriber("gone@example.org", [topic])
    make_subscriber("fine@example.org", [topic])
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENDING)
    services.send_update(update=update)  # the rows; the batch runs below
    suppress("gone@example.org")
    services.send_next_batch(update_id=update.pk)
    assert [m.to for m in mail.outbox] == [["fine@example.org"]]
    statuses = dict(update.deliveries.values_list("subscriber__email", "status"))
    assert statuses == {"gone@example.org": "suppressed", "fine@example.org": "sent"}
    assert services.progress(update=update)["suppressed"] == 1


def test_a_weekly_digest_leaves_out_suppressed_addresses(topic, update):
    weekly = Subscriber.Frequency.WEEKLY
    make_subscriber("weekly@example.org", [topic], frequency=weekly)
    make_subscriber("gone@example.org", [topic], frequency=weekly)
    suppress("gone@example.org")
    last_week = timezone.now() - timedelta(days=7)
    Update.objects.filter(pk=update.pk).update(status=Update.Status.SENT, sent_at=last_week)
    digest = services.build_weekly_digest()
    assert [s.email for s in services.recipients(digest)] == ["weekly@example.org"]


def test_a_5xx_answer_to_the_recipient_suppresses_it_and_the_next_update_skips_it(
    topic, update, flaky, django_capture_on_commit_callbacks
):
    make_subscriber("never@example.org", [topic])
    make_subscriber("fine@example.org", [topic])
    flaky.failures = {"never@example.org": [(550, "5.1.1 no such user")]}
    with django_capture_on_commit_callbacks(execute=True):
        services.send_update(update=update)
    suppression = Suppression.objects.get()
    assert (suppression.email, suppression.reason) == ("never@example.org", Reason.HARD_BOUNCE)
    assert suppression.source == "SMTP answer"
    assert "550 5.1.1 no such user" in suppression.detail
    second = Update.objects.create(subject="Second")
    second.topics.set([topic])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_update(update=second)
    assert [m.to for m in mail.outbox] == [["fine@example.org"]]
    assert not second.deliveries.filter(subscriber__email="never@example.org").exists()


@pytest.mark.parametrize(
    "error, suppressed",
    [
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"5.1.1 no such user")}), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"4.2.1 busy")}), False),
        (AnymailRecipientsRefused("rejected"), True),
        # Refusing us (MAIL FROM, the login) or the message (DATA) says nothing of the address.
        (smtplib.SMTPSenderRefused(530, b"5.7.0 authentication required", "us@x.org"), False),
        (smtplib.SMTPDataError(554, b"5.6.0 message too big"), False),
    ],
    ids=["rcpt-550", "rcpt-450", "provider-rejected", "mail-from-530", "data-554"],
)
def test_only_a_refusal_of_the_address_itself_counts_as_a_hard_bounce(error, suppressed):
    assert services.refused_for_good(error) is suppressed


def test_a_5xx_refusal_of_a_confirmation_suppresses_the_address_without_retrying(topic, flaky):
    subscriber = make_subscriber("gone@example.org", [topic], status=Subscriber.Status.PENDING)
    flaky.failures = {"gone@example.org": [(550, "5.1.1 no such user")]}
    tasks.send_confirmation.apply(args=[subscriber.pk], throw=True)  # no retry raised
    assert Suppression.objects.get().email == "gone@example.org"
    assert mail.outbox == []


@pytest.mark.parametrize(
    "task", ["send_confirmation", "send_welcome", "send_already_subscribed", "send_new_link"]
)
def test_no_subscriber_email_goes_to_a_suppressed_address(topic, task):
    status = Subscriber.Status.PENDING if task == "send_confirmation" else None
    fields = {"status": status} if status else {}
    subscriber = make_subscriber("gone@example.org", [topic], **fields)
    suppress("gone@example.org")
    getattr(tasks, task).apply(args=[subscriber.pk], throw=True)
    assert mail.outbox == []


def test_staff_test_copies_go_out_whatever_the_list_says(update):
    suppress("publisher@example.org")
    assert services.send_test(update=update, to="publisher@example.org", languages=["en"]) == 1
    assert [m.to for m in mail.outbox] == [["publisher@example.org"]]


def test_a_suppressed_address_signing_up_is_told_to_contact_staff_and_nothing_changes(
    client, topic, django_capture_on_commit_callbacks
):
    gone = make_subscriber("gone@example.org", [topic], status=Subscriber.Status.UNSUBSCRIBED)
    suppress("gone@example.org", Reason.COMPLAINT)
    suppress("never@example.org")
    for email in ["Gone@example.org", "never@example.org"]:
        response = sign_up(client, email, topic, django_capture_on_commit_callbacks)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Please contact us" in page
        assert 'href="/contact/"' in page
        assert "bounce" not in page.lower() and "complain" not in page.lower()
    assert mail.outbox == []
    assert list(Subscriber.objects.all()) == [gone]
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.UNSUBSCRIBED
    assert not services.subscribe(email="never@example.org", topics=[topic])
    assert Subscriber.objects.count() == 1
    assert client.get(SUBSCRIBE).status_code == 200


def test_import_skips_and_lists_suppressed_addresses(tmp_path, topic):
    suppress("gone@example.org")
    csv = tmp_path / "list.csv"
    csv.write_text(
        "email,topics,language,consent date\n"
        "one@example.org,section:roadmap,en,2024-03-01\n"
        "Gone@Example.org,section:roadmap,en,2024-03-01\n"
    )
    out = io.StringIO()
    call_command("import_subscribers", str(csv), stdout=out, stderr=io.StringIO())
    assert "line 3: gone@example.org is suppressed: skipped" in out.getvalue()
    assert "1 good row(s), 1 imported" in out.getvalue()
    assert "1 suppressed (skipped)" in out.getvalue()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["one@example.org"]


# --- The admin --------------------------------------------------------------------------


def test_staff_see_each_suppression_with_its_reason_date_and_source_event(
    publisher_client, settings, topic
):
    settings.ANYMAIL = {"WEBHOOK_SECRET": [webhooks.SECRET]}
    make_subscriber("gone@example.org", [topic])
    webhooks.postmark("gone@example.org", "bounce", when=DAY).send(publisher_client)
    suppression = Suppression.objects.get()
    page = publisher_client.get("/admin/subscriptions/suppression/").content.decode()
    assert "gone@example.org" in page
    assert "Hard bounce" in page
    url = f"/admin/subscriptions/suppression/{suppression.pk}/change/"
    detail = publisher_client.get(url).content.decode()
    assert "Postmark webhook" in detail
    assert "550 5.1.1 no such user" in detail
    event_url = f"/admin/subscriptions/trackingevent/{suppression.event_id}/change/"
    assert event_url in detail
    assert publisher_client.get(event_url).status_code == 200
    assert f"/admin/subscriptions/suppression/{suppression.pk}/lift/" in detail


def test_lifting_needs_a_note_and_is_in_the_audit_log(publisher_client):
    suppression = suppress("gone@example.org")
    url = f"/admin/subscriptions/suppression/{suppression.pk}/lift/"
    assert publisher_client.get(url).status_code == 200
    response = publisher_client.post(url, {"note": "   "})
    assert response.status_code == 200  # the form again, with its error
    assert not services.may_send("gone@example.org")
    response = publisher_client.post(url, {"note": "They fixed their mailbox (ticket 42)"})
    assert response.status_code == 302
    suppression.refresh_from_db()
    assert not suppression.active
    assert suppression.lifted_by == publisher_client.user
    assert suppression.lift_note == "They fixed their mailbox (ticket 42)"
    assert services.may_send("gone@example.org")
    entry = LogEntry.objects.get(object_id=str(suppression.pk))
    assert entry.action_flag == CHANGE and entry.user == publisher_client.user
    assert "ticket 42" in entry.get_change_message()


def test_editors_cannot_lift_a_suppression(editor_client):
    suppression = suppress("gone@example.org")
    assert editor_client.get("/admin/subscriptions/suppression/").status_code == 200
    url = f"/admin/subscriptions/suppression/{suppression.pk}/lift/"
    assert editor_client.post(url, {"note": "please"}).status_code == 403
    assert not services.may_send("gone@example.org")


def test_staff_suppress_an_address_by_hand_saying_why(publisher_client):
    response = publisher_client.post(
        "/admin/subscriptions/suppression/add/",
        {"email": "Asked@Example.org", "detail": "Asked us by phone to stop"},
    )
    assert response.status_code == 302
    suppression = Suppression.objects.get()
    assert suppression.email == "asked@example.org"
    assert suppression.reason == Reason.MANUAL
    assert suppression.created_by == publisher_client.user
    entry = LogEntry.objects.get(object_id=str(suppression.pk))
    assert entry.action_flag == ADDITION
    response = publisher_client.post(
        "/admin/subscriptions/suppression/add/", {"email": "asked@example.org", "detail": "x"}
    )
    assert "suppressed already" in response.content.decode()
    assert Suppression.objects.count() == 1
