"""Bounces and complaints posted by email providers to django-anymail's tracking webhooks
(subscriptions/services/bounces.py), through the real URLs with basic auth."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from subscriptions import services
from subscriptions.models import Delivery, Subscriber, Suppression, TrackingEvent

from . import webhooks
from .conftest import make_subscriber
from .webhooks import MAILGUN_KEY, SECRET

pytestmark = pytest.mark.django_db

Reason = Suppression.Reason
PROVIDERS = [
    "amazon_ses",  # anymail's SES webhook needs boto3, a dependency of the project for it
    "sendgrid",
    "postmark",
    "mailgun",
]
DAY = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.get_fixed_timezone(0))


@pytest.fixture(autouse=True)
def webhook_settings(settings):
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": [SECRET],
        "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_KEY,
        "AMAZON_SES_AUTO_CONFIRM_SNS_SUBSCRIPTIONS": False,
    }
    settings.SUBSCRIPTIONS_SOFT_BOUNCE_LIMIT = 3
    settings.SUBSCRIPTIONS_SOFT_BOUNCE_STALE_DAYS = 7


def send(update, capture):
    """A real send: the fan-out, then each batch, as the worker runs them."""
    with capture(execute=True):
        services.send_update(update=update)


@pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailNotSupportedWarning")
@pytest.mark.parametrize("kind", ["bounce", "complaint"])
@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_providers_bounce_or_complaint_suppresses_the_address_and_the_next_update_skips_it(
    client, topic, update, provider, kind, django_capture_on_commit_callbacks
):
    gone = make_subscriber("gone@example.org", [topic])
    make_subscriber("fine@example.org", [topic])
    post = webhooks.PROVIDERS[provider]("Gone@Example.org", kind, when=DAY)
    assert post.send(client).status_code == 200
    suppression = Suppression.objects.get()
    assert suppression.email == "gone@example.org"
    assert suppression.active
    assert suppression.reason == (Reason.HARD_BOUNCE if kind == "bounce" else Reason.COMPLAINT)
    assert suppression.event.recipient == "gone@example.org"
    gone.refresh_from_db()
    expected = Subscriber.Status.CONFIRMED if kind == "bounce" else Subscriber.Status.UNSUBSCRIBED
    assert gone.status == expected  # a complaint ends the subscription too
    send(update, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["fine@example.org"]]
    assert not Delivery.objects.filter(subscriber=gone).exists()


@pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailNotSupportedWarning")
@pytest.mark.parametrize(
    "post",
    [
        webhooks.postmark("gone@example.org", "bounce", when=DAY),
        webhooks.postmark("gone@example.org", "unsubscribe", when=DAY),  # no event id
        webhooks.sendgrid("gone@example.org", "complaint", when=DAY),
        webhooks.mailgun("gone@example.org", "bounce", when=DAY),
    ],
    ids=["postmark-bounce", "postmark-unsubscribe", "sendgrid-complaint", "mailgun-bounce"],
)
def test_a_repeated_post_changes_nothing(client, topic, post):
    make_subscriber("gone@example.org", [topic])
    assert post.send(client).status_code == 200
    first = Suppression.objects.get()
    Suppression.objects.filter(pk=first.pk).update(detail="as first recorded")
    assert post.send(client).status_code == 200
    assert TrackingEvent.objects.count() == 1
    assert Suppression.objects.get().detail == "as first recorded"


def test_a_provider_unsubscribe_ends_every_subscription(client, topic, other_topic):
    subscriber = make_subscriber("leaving@example.org", [topic, other_topic])
    token = subscriber.token
    webhooks.postmark("leaving@example.org", "unsubscribe", when=DAY).send(client)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    assert subscriber.token != token  # the links in earlier emails no longer manage it
    assert Suppression.objects.get().reason == Reason.PROVIDER_UNSUBSCRIBE


@pytest.mark.parametrize("credentials", [None, "anymail:wrong", "other:hook-secret-1"])
def test_a_wrong_or_missing_secret_is_refused_and_changes_nothing(client, topic, credentials):
    subscriber = make_subscriber("reader@example.org", [topic])
    response = webhooks.postmark("reader@example.org", "complaint", when=DAY).send(
        client, credentials=credentials
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic ")
    assert not TrackingEvent.objects.exists()
    assert not Suppression.objects.exists()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_a_bad_provider_signature_is_refused_even_with_the_secret(client, topic):
    make_subscriber("reader@example.org", [topic])
    post = webhooks.mailgun("reader@example.org", "complaint", when=DAY, key="not-the-key")
    assert post.send(client).status_code == 401
    assert not Suppression.objects.exists()


@pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailNotSupportedWarning")
def test_a_signed_sendgrid_post_is_checked(client, settings, topic):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    settings.ANYMAIL = {
        **settings.ANYMAIL,
        "SENDGRID_TRACKING_WEBHOOK_VERIFICATION_KEY": webhooks.b64encode(public).decode(),
    }
    make_subscriber("reader@example.org", [topic])
    post = webhooks.sendgrid("reader@example.org", "bounce", when=DAY)
    timestamp = "1767225600"
    signature = key.sign((timestamp + post.body).encode(), ec.ECDSA(hashes.SHA256()))
    post.headers = {
        "HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_TIMESTAMP": timestamp,
        "HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_SIGNATURE": "c2lnbmF0dXJl",  # not its signature
    }
    assert post.send(client).status_code == 401
    assert not Suppression.objects.exists()
    post.headers["HTTP_X_TWILIO_EMAIL_EVENT_WEBHOOK_SIGNATURE"] = webhooks.b64encode(
        signature
    ).decode()
    assert post.send(client).status_code == 200
    assert Suppression.objects.get().reason == Reason.HARD_BOUNCE


def test_without_a_secret_the_webhooks_are_not_served(client, settings, topic):
    settings.ANYMAIL = {}
    make_subscriber("reader@example.org", [topic])
    response = webhooks.postmark("reader@example.org", "complaint", when=DAY).send(client)
    assert response.status_code == 404
    assert not Suppression.objects.exists()


def soft_bounce(client, n: int, when: datetime):
    post = webhooks.postmark("busy@example.org", "soft_bounce", when=when, id=n)
    assert post.send(client).status_code == 200


def test_soft_bounces_count_once_a_day_and_suppress_past_the_limit_after_a_reminder(
    client, topic, django_capture_on_commit_callbacks
):
    subscriber = make_subscriber("busy@example.org", [topic])
    with django_capture_on_commit_callbacks(execute=True):
        soft_bounce(client, 1, DAY)
        soft_bounce(client, 2, DAY + timedelta(hours=5))  # the same day: not scored
        subscriber.refresh_from_db()
        assert subscriber.bounce_score == 1
        assert not mail.outbox
        soft_bounce(client, 3, DAY + timedelta(days=1))  # limit - 1: the reminder
    subscriber.refresh_from_db()
    assert subscriber.bounce_score == 2
    assert [m.to for m in mail.outbox] == [["busy@example.org"]]
    assert "trouble delivering" in mail.outbox[0].subject
    assert services.may_send("busy@example.org")
    soft_bounce(client, 4, DAY + timedelta(days=1, hours=6))  # the same day again
    assert services.may_send("busy@example.org")
    soft_bounce(client, 5, DAY + timedelta(days=2))
    suppression = Suppression.objects.get()
    assert suppression.reason == Reason.SOFT_BOUNCES
    assert not services.may_send("busy@example.org")
    outcomes = list(TrackingEvent.objects.order_by("pk").values_list("outcome", flat=True))
    assert outcomes == ["scored", "not_scored", "scored", "not_scored", "suppressed"]
    assert len(mail.outbox) == 1


def test_a_delivery_or_a_quiet_week_starts_the_score_again(client, topic):
    subscriber = make_subscriber("busy@example.org", [topic])
    soft_bounce(client, 1, DAY)
    soft_bounce(client, 2, DAY + timedelta(days=1))
    # A delivery reported before the last soft bounce changes nothing; one after it resets.
    webhooks.postmark("busy@example.org", "delivered", when=DAY + timedelta(hours=1)).send(client)
    subscriber.refresh_from_db()
    assert subscriber.bounce_score == 2
    webhooks.postmark("busy@example.org", "delivered", when=DAY + timedelta(days=1, hours=1)).send(
        client
    )
    subscriber.refresh_from_db()
    assert subscriber.bounce_score == 0
    soft_bounce(client, 3, DAY + timedelta(days=2))
    soft_bounce(client, 4, DAY + timedelta(days=10))  # 8 days without one: from one again
    subscriber.refresh_from_db()
    assert subscriber.bounce_score == 1
    assert not Suppression.objects.exists()


@pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailNotSupportedWarning")
def test_a_deferral_is_a_soft_bounce(client, topic):
    subscriber = make_subscriber("busy@example.org", [topic])
    webhooks.sendgrid("busy@example.org", "deferred", when=DAY).send(client)
    subscriber.refresh_from_db()
    assert subscriber.bounce_score == 1
    assert not Suppression.objects.exists()


@pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailNotSupportedWarning")
def test_an_event_is_matched_to_its_delivery_by_our_message_id(
    client, topic, update, django_capture_on_commit_callbacks
):
    make_subscriber("gone@example.org", [topic])
    send(update, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    # SendGrid's SMTP relay reports the Message-ID we gave the message as its smtp-id.
    webhooks.sendgrid("gone@example.org", "bounce", when=DAY, smtp_id=delivery.message_id).send(
        client
    )
    assert TrackingEvent.objects.get().delivery == delivery


def test_an_event_without_our_message_id_is_matched_by_the_address(
    client, topic, update, django_capture_on_commit_callbacks
):
    make_subscriber("gone@example.org", [topic])
    send(update, django_capture_on_commit_callbacks)
    when = timezone.now() + timedelta(minutes=1)
    webhooks.postmark("gone@example.org", "bounce", when=when).send(client)
    assert TrackingEvent.objects.get().delivery == Delivery.objects.get()


def test_an_ses_event_is_matched_by_the_message_id_header_it_reports(
    client, topic, update, django_capture_on_commit_callbacks
):
    make_subscriber("gone@example.org", [topic])
    send(update, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    # Sent through SES's SMTP interface: SES has an id of its own, and reports our header.
    post = webhooks.ses("gone@example.org", "bounce", when=DAY, message_id=delivery.message_id)
    assert post.send(client).status_code == 200
    assert TrackingEvent.objects.get().delivery == delivery
