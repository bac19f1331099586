"""List care (subscriptions/services/retention.py): addresses erased some days after
unsubscribing, with only a salted hash kept on the suppression list; old deliveries unlinked;
removals recorded by reason and reported by month; a send's bounces and complaints counted."""

import io
import re
from datetime import datetime, timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from subscriptions import reports, services
from subscriptions.models import (
    Delivery,
    Removal,
    Subscriber,
    Suppression,
    TrackingEvent,
    Update,
)

from . import webhooks
from .conftest import make_subscriber
from .test_signup import confirm_url, sign_up

pytestmark = pytest.mark.django_db

UNSUBSCRIBED_AT = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.get_fixed_timezone(0))
Reason = Removal.Reason


def unsubscribed(email, topic, when=UNSUBSCRIBED_AT):
    subscriber = make_subscriber(email, [topic])
    assert services.unsubscribe(token=subscriber.token)
    Subscriber.objects.filter(pk=subscriber.pk).update(unsubscribed_at=when)
    return Subscriber.objects.get(pk=subscriber.pk)


@pytest.fixture(autouse=True)
def _webhooks(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": [webhooks.SECRET]}


@pytest.fixture
def erase_after(settings):
    settings.SUBSCRIPTIONS_ERASE_AFTER_DAYS = 10
    settings.SUBSCRIPTIONS_HASH_SALT = "tests-salt"
    return timedelta(days=10)


def test_an_unsubscribed_address_is_erased_after_the_settings_days_keeping_only_a_hash(
    topic, erase_after
):
    gone = unsubscribed("Gone@example.org", topic)
    make_subscriber("stays@example.org", [topic])
    just_before = UNSUBSCRIBED_AT + erase_after - timedelta(minutes=1)
    assert services.care_for_list(now=just_before)["addresses erased"] == 0
    assert Subscriber.objects.filter(pk=gone.pk).exists()

    after = UNSUBSCRIBED_AT + erase_after + timedelta(minutes=1)
    assert services.care_for_list(now=after)["addresses erased"] == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["stays@example.org"]
    kept = Suppression.objects.get()
    assert kept.email == "" and kept.reason == Suppression.Reason.ERASED and kept.active
    assert kept.email_hash == services.email_hash("gone@example.org") != ""
    assert "gone" not in kept.email_hash and "gone" not in kept.detail
    assert not services.may_send("GONE@example.org")  # the hash is checked
    assert services.may_send("gone@example.org", for_sign_up=True)  # its owner may come back
    assert Removal.objects.filter(reason=Reason.ERASED, removed_at=after).count() == 1
    assert services.care_for_list(now=after)["addresses erased"] == 0  # once


def test_a_new_salt_would_not_recognise_erased_addresses(topic, erase_after, settings):
    unsubscribed("gone@example.org", topic)
    services.erase_unsubscribed(now=UNSUBSCRIBED_AT + erase_after * 2)
    assert not services.may_send("gone@example.org")
    settings.SUBSCRIPTIONS_HASH_SALT = "another"  # why the README says: never change it
    assert services.may_send("gone@example.org")


def test_the_fan_out_checks_the_hash_in_sql_as_python_does(topic, update, erase_after):
    unsubscribed("gone@example.org", topic)
    services.erase_unsubscribed(now=UNSUBSCRIBED_AT + erase_after * 2)
    # Put back by hand (the admin, a script): the list still keeps it from every send.
    make_subscriber("gone@example.org", [topic])
    fine = make_subscriber("fine@example.org", [topic])
    assert list(services.recipients(update)) == [fine]
    assert services.suppressed_among(["gone@example.org", "fine@example.org"]) == {
        "gone@example.org"
    }


def test_a_re_import_skips_an_erased_address_and_says_so(tmp_path, topic, erase_after):
    unsubscribed("gone@example.org", topic)
    services.erase_unsubscribed(now=UNSUBSCRIBED_AT + erase_after * 2)
    csv = tmp_path / "list.csv"
    csv.write_text(
        "email,topics,language,consent date\n"
        "one@example.org,section:roadmap,en,2024-03-01\n"
        "Gone@Example.org,section:roadmap,en,2024-03-01\n"
    )
    out = io.StringIO()
    call_command("import_subscribers", str(csv), stdout=out, stderr=io.StringIO())
    assert "line 3: gone@example.org is suppressed: skipped" in out.getvalue()
    assert "1 suppressed (skipped)" in out.getvalue()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["one@example.org"]


def test_an_erased_address_may_sign_up_again_and_confirming_lifts_the_erasure(
    client, topic, erase_after, django_capture_on_commit_callbacks
):
    unsubscribed("gone@example.org", topic)
    services.erase_unsubscribed(now=UNSUBSCRIBED_AT + erase_after * 2)
    sign_up(client, "gone@example.org", topic, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["gone@example.org"]]  # the confirmation
    assert not services.may_send("gone@example.org")  # not before they confirm
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url(mail.outbox[0]))
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    assert services.may_send("gone@example.org")
    lifted = Suppression.objects.get()
    assert lifted.lifted_at is not None and "confirmed" in lifted.lift_note
    assert "Welcome" in mail.outbox[-1].subject


def test_an_erased_address_that_complained_is_still_told_to_contact_staff(
    client, topic, erase_after, django_capture_on_commit_callbacks
):
    make_subscriber("angry@example.org", [topic])
    services.suppress("angry@example.org", reason=Suppression.Reason.COMPLAINT)
    services.end_subscriptions("angry@example.org")
    Subscriber.objects.update(unsubscribed_at=UNSUBSCRIBED_AT)
    services.erase_unsubscribed(now=UNSUBSCRIBED_AT + erase_after * 2)
    complaint = Suppression.objects.get()  # the complaint's, hashed: no second one
    assert complaint.email == "" and complaint.reason == Suppression.Reason.COMPLAINT
    response = sign_up(client, "angry@example.org", topic, django_capture_on_commit_callbacks)
    assert b"contact" in response.content.lower()
    assert not mail.outbox and not Subscriber.objects.exists()


def test_erasure_removes_the_address_from_events_the_audit_log_and_errors_but_keeps_counts(
    topic, update, erase_after, admin_user
):
    gone = unsubscribed("gone@example.org", topic)
    delivery = Delivery.objects.create(
        update=update,
        subscriber=gone,
        status=Delivery.Status.FAILED,
        last_error="552 5.2.2 <gone@example.org>: mailbox full",
    )
    TrackingEvent.objects.create(
        key="k1",
        provider="postmark",
        event_type="deferred",
        recipient="gone@example.org",
        occurred_at=UNSUBSCRIBED_AT,
        detail="gone@example.org is over quota",
        delivery=delivery,
        outcome=TrackingEvent.Outcome.SCORED,
    )
    LogEntry.objects.log_actions(admin_user.pk, [gone], CHANGE, change_message="Checked")
    services.erase_unsubscribed(now=UNSUBSCRIBED_AT + erase_after * 2)
    delivery.refresh_from_db()
    assert delivery.subscriber is None and "gone@example.org" not in delivery.last_error
    assert "mailbox full" in delivery.last_error
    event = TrackingEvent.objects.get()
    assert (event.recipient, event.detail, event.delivery) == ("", "", delivery)
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Subscriber))
    assert entry.object_repr == "(erased address)"
    assert services.progress(update=update)["failed"] == 1  # the send's counts stay true


def test_old_deliveries_lose_their_address_linkage(topic, update, settings):
    settings.SUBSCRIPTIONS_DELIVERY_ADDRESS_DAYS = 365
    reader = make_subscriber("reader@example.org", [topic])
    other = Update.objects.create(subject="Later")
    old = Delivery.objects.create(update=update, subscriber=reader, status="sent")
    recent = Delivery.objects.create(update=other, subscriber=reader, status="failed")
    now = timezone.now()
    Delivery.objects.filter(pk=old.pk).update(
        created_at=now - timedelta(days=366), last_error="<reader@example.org> ok"
    )
    Delivery.objects.filter(pk=recent.pk).update(created_at=now - timedelta(days=364))
    done = services.forget_old_addresses(now=now)
    assert done["deliveries anonymised"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.subscriber is None and old.last_error == "" and old.status == "sent"
    assert recent.subscriber == reader
    assert services.forget_old_addresses(now=now)["deliveries anonymised"] == 0


def test_list_care_runs_daily_from_beat_through_one_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["subscriptions-list-care"]
    assert entry["task"] == "subscriptions.tasks.care_for_list"
    out = io.StringIO()
    call_command("care_for_list", stdout=out)
    assert "0 addresses erased" in out.getvalue()


# --- The report of removals -----------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailNotSupportedWarning")
def test_each_way_of_leaving_is_recorded_and_reported_by_month_in_one_query(
    client, topic, erase_after, publisher_client, settings
):
    reader = make_subscriber("reader@example.org", [topic])
    services.unsubscribe(token=reader.token)  # unsubscribed
    services.unsubscribe(token=Subscriber.objects.get().token)  # again: not counted twice
    make_subscriber("bounced@example.org", [topic])
    services.suppress("bounced@example.org", reason=Suppression.Reason.HARD_BOUNCE)
    make_subscriber("angry@example.org", [topic])
    assert webhooks.sendgrid("angry@example.org", "complaint", when=UNSUBSCRIBED_AT).send(
        client
    ).status_code == 200  # fmt: skip
    services.suppress("stranger@example.org", reason=Suppression.Reason.HARD_BOUNCE)  # no one
    make_subscriber("never@example.org", [topic], status=Subscriber.Status.PENDING)
    Subscriber.objects.filter(email="never@example.org").update(
        updated_at=timezone.now() - timedelta(days=60)
    )
    Subscriber.objects.filter(email="reader@example.org").update(
        unsubscribed_at=timezone.now() - timedelta(days=20)
    )
    services.care_for_list()  # purges one, erases reader@
    Removal.objects.create(reason=Reason.BOUNCED, removed_at=timezone.now() - timedelta(days=40))

    counts = dict(Removal.objects.values_list("reason").annotate(n=Count("pk")))
    assert counts == {"unsubscribed": 1, "bounced": 2, "complained": 1, "unconfirmed": 1,
                      "erased": 1}  # fmt: skip

    months = reports.removals_by_month(months=3)
    assert len(months) == 3 and months[0].month == timezone.localdate().replace(day=1)
    order = list(Reason.values)
    assert months[0].counts[order.index("erased")] == 1
    assert months[0].total + months[1].total + months[2].total == 6

    def page():
        with CaptureQueriesContext(connection) as queries:
            response = publisher_client.get("/admin/subscriptions/subscriber/removals/")
        return response, len(queries)

    response, queries = page()
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index('id="removals"') :]
    header = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert header[1 : 1 + len(order)] == [str(label) for label in Reason.labels]
    this_month = re.search(r"<tbody>\s*<tr>(.*?)</tr>", table, re.S)[1]
    assert re.findall(r"<td>(\d+)</td>", this_month)[-1] == str(months[0].total)
    for n in range(5):  # more removals, more months: the same queries
        Removal.objects.create(reason=Reason.ERASED, removed_at=timezone.now() - timedelta(n * 31))
    assert page()[1] == queries
    changelist = publisher_client.get("/admin/subscriptions/subscriber/").content.decode()
    assert "/admin/subscriptions/subscriber/removals/" in changelist


# --- A send's page: what the provider reported ---------------------------------------------


@pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailNotSupportedWarning")
def test_a_sends_page_counts_its_bounces_and_complaints(
    client, publisher_client, topic, update, django_capture_on_commit_callbacks
):
    for email in ["fine@example.org", "gone@example.org", "angry@example.org"]:
        make_subscriber(email, [topic])
    with django_capture_on_commit_callbacks(execute=True):
        services.send_update(update=update)
    assert len(mail.outbox) == 3
    when = timezone.now() + timedelta(minutes=1)  # SendGrid's times are in whole seconds
    for post in [
        webhooks.postmark("gone@example.org", "bounce", when=when),
        webhooks.postmark("gone@example.org", "bounce", when=when, id=2),  # the same delivery
        webhooks.sendgrid("angry@example.org", "complaint", when=when),
    ]:
        assert post.send(client).status_code == 200
    progress = services.progress(update=update)
    assert (progress["bounced"], progress["complained"], progress["soft_bounced"]) == (1, 1, 0)
    page = publisher_client.get(f"/admin/subscriptions/update/{update.pk}/change/")
    html = page.content.decode()
    assert '<td data-key="bounced">1</td>' in html
    assert '<td data-key="complained">1</td>' in html
    assert '<td data-key="sent">3</td>' in html


def test_the_privacy_notice_is_on_the_subscribe_and_manage_pages(client, topic, erase_after):
    reader = make_subscriber("reader@example.org", [topic])
    for url in ["/updates/subscribe/", reader.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert 'id="privacy-notice"' in html
        assert "erased 10 days later" in html and "no tracking" in html
