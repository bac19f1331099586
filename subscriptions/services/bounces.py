"""Bounces and complaints, from the email provider's tracking webhooks.

django-anymail serves a tracking webhook per provider (/anymail/<provider>/tracking/,
authenticated by ANYMAIL's WEBHOOK_SECRET and, where anymail verifies one, the provider's
signature) and turns each provider's payload into the same `AnymailTrackingEvent`, sent as
its `tracking` signal; `on_tracking` (connected in SubscriptionsConfig.ready) acts on it.
So any provider anymail supports works, whichever backend sent the message: through the
provider's API, or its SMTP relay (plain SMTP: the provider's events still come back here).

What each event does (`classify`):

- a hard bounce, or the provider refusing the address (`rejected`: invalid, blocked, an earlier
  bounce on its own list): the address is suppressed at once;
- a soft bounce (`deferred`, or a `bounced` the provider marks temporary: SES's Transient or
  Undetermined bounce type, Postmark's SoftBounce, SendGrid's "blocked", or else a 4xx answer
  in the receiving server's words) scores one point, at most one a day per address, as Mailman
  does; a score restarts from one after SUBSCRIPTIONS_SOFT_BOUNCE_STALE_DAYS days without a
  soft bounce, and from zero after a successful delivery event later than the last soft
  bounce (a deferred message that then arrived: the address works). At
  SUBSCRIPTIONS_SOFT_BOUNCE_LIMIT - 1 points the subscriber is emailed that we are having
  trouble delivering to them; at SUBSCRIPTIONS_SOFT_BOUNCE_LIMIT the address is suppressed;
- a spam complaint, or an unsubscribe at the provider: every subscription of the address ends
  at once, and the address is suppressed (so nothing, not even a confirmation, goes to it);
- opens, clicks and the rest: nothing (we track neither).

Each event acted on is stored (TrackingEvent) under a key made of the provider, its event id
(or, without one, its message id, type and time) and the recipient, in the same transaction
as what it did: a provider's retry of the same event finds the key and changes nothing, and
an error rolls the whole event back (anymail answers 500; the provider tries again later).
Delivery events are not stored: a retry of one resets nothing a first one had not.

Each event is linked to our Delivery row when one matches: by the Message-ID we gave the
message (when the provider reports it, as SES, SendGrid and Mailgun do for SMTP sends), by
the provider's message id we stored at sending, else the last update sent to the address.
"""

import hashlib
import logging
import re
from datetime import timedelta

from anymail.signals import EventType, RejectReason
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import outbox
from ..models import Delivery, Subscriber, Suppression, TrackingEvent, normalise_email
from . import suppression, worker

logger = logging.getLogger(__name__)

Reason, Outcome = Suppression.Reason, TrackingEvent.Outcome

HARD, REJECTED, SOFT, COMPLAINT, UNSUBSCRIBE, DELIVERED = (
    "hard", "rejected", "soft", "complaint", "unsubscribe", "delivered"
)  # fmt: skip

# The first SMTP reply code (550) or enhanced status code (5.1.1) in a server's answer.
SMTP_CODE = re.compile(r"(?<![\d.])([245])(?:\d\d(?!\d)|\.\d{1,3}\.\d{1,3})")
# Our own Message-ID (emails.message_id): names the delivery row.
OUR_MESSAGE_ID = re.compile(r"^<?update-\d+\.delivery-(\d+)@")


def on_tracking(sender, event, esp_name, **kwargs):
    """django-anymail's `tracking` signal: one normalised event from a provider's webhook."""
    record_tracking_event(event, provider=esp_name)


def classify(event, provider: str) -> str | None:
    """What an anymail tracking event means for its recipient's address (None: nothing)."""
    kind = event.event_type
    if kind == EventType.COMPLAINED:
        return COMPLAINT
    if kind == EventType.UNSUBSCRIBED:
        return UNSUBSCRIBE
    if kind == EventType.REJECTED:
        return {RejectReason.SPAM: COMPLAINT, RejectReason.UNSUBSCRIBED: UNSUBSCRIBE}.get(
            event.reject_reason, REJECTED
        )
    if kind == EventType.DEFERRED:
        return SOFT
    if kind == EventType.BOUNCED:
        return SOFT if _temporary(event, provider) else HARD
    if kind == EventType.DELIVERED:
        return DELIVERED
    return None


def _temporary(event, provider: str) -> bool:
    """Whether a `bounced` event is a soft bounce: anymail reports some providers' temporary
    failures as `bounced` too; their payload says which it is."""
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    if provider == "Amazon SES":
        return (raw.get("bounce") or {}).get("bounceType") in {"Transient", "Undetermined"}
    if provider == "Postmark":
        return raw.get("Type") in {"SoftBounce", "VirusNotification"}
    if provider == "SendGrid" and raw.get("type"):
        return raw["type"] == "blocked"  # "bounce" or "blocked" (SendGrid's soft bounce)
    found = SMTP_CODE.search(event.mta_response or "")
    return bool(found) and found.group(1) == "4"


def event_key(event, *, provider: str, recipient: str) -> str:
    """The same for a provider's retry of one event, different for every other event."""
    if event.event_id:
        basis = f"id {event.event_id}"
    else:
        when = event.timestamp.isoformat() if event.timestamp else ""
        basis = f"message {event.message_id or ''} {event.event_type} {when}"
    return hashlib.sha256(f"{provider}\n{basis}\n{recipient}".encode()).hexdigest()


def record_tracking_event(event, *, provider: str) -> TrackingEvent | None:
    """Act on one tracking event; the stored event, or None if it needed nothing or was
    already seen (a retry)."""
    kind = classify(event, provider)
    recipient = normalise_email(event.recipient or "")
    if kind is None or not recipient:
        return None
    occurred = event.timestamp or timezone.now()
    if kind == DELIVERED:
        reset_score(recipient, at=occurred)
        return None
    with transaction.atomic():
        try:
            with transaction.atomic():
                stored = TrackingEvent.objects.create(
                    key=event_key(event, provider=provider, recipient=recipient),
                    provider=provider[:50],
                    event_type=event.event_type[:20],
                    event_id=(event.event_id or "")[:255],
                    message_id=(event.message_id or "")[:255],
                    recipient=recipient,
                    occurred_at=occurred,
                    detail=_detail(event),
                    delivery=_delivery(event, recipient, occurred),
                    outcome=Outcome.SCORED,  # replaced below
                )
        except IntegrityError:
            logger.info("A %s %s event seen before: nothing to do", provider, event.event_type)
            return None
        stored.outcome = _act(kind, stored)
        stored.save(update_fields=["outcome"])
    return stored


def _act(kind: str, stored: TrackingEvent) -> str:
    source = f"{stored.provider} webhook"
    if kind in (COMPLAINT, UNSUBSCRIBE):
        reason = Reason.COMPLAINT if kind == COMPLAINT else Reason.PROVIDER_UNSUBSCRIBE
        # Suppressed first, while a subscriber is still confirmed: it counts as one removal
        # for this reason (removals.py).
        suppression.suppress(
            stored.recipient, reason=reason, source=source, detail=stored.detail, event=stored
        )
        suppression.end_subscriptions(stored.recipient)
        return Outcome.ENDED
    if kind == SOFT:
        return score_soft_bounce(stored, source=source)
    reason = Reason.HARD_BOUNCE if kind == HARD else Reason.REJECTED
    _, created = suppression.suppress(
        stored.recipient, reason=reason, source=source, detail=stored.detail, event=stored
    )
    return Outcome.SUPPRESSED if created else Outcome.ALREADY_SUPPRESSED


def score_soft_bounce(stored: TrackingEvent, *, source: str) -> str:
    """Score a soft bounce: one point a day at most (in the portal's time zone)."""
    subscriber = Subscriber.objects.select_for_update().filter(email=stored.recipient).first()
    if subscriber is None:  # nobody to send to: nothing to score
        return Outcome.NOT_SCORED
    if not suppression.may_send(stored.recipient):
        return Outcome.ALREADY_SUPPRESSED
    day = timezone.localdate(stored.occurred_at)
    last = subscriber.last_bounce_at and timezone.localdate(subscriber.last_bounce_at)
    if last is not None and day <= last:  # scored today already (or a late, older event)
        return Outcome.NOT_SCORED
    stale = last is None or day - last > timedelta(
        days=settings.SUBSCRIPTIONS_SOFT_BOUNCE_STALE_DAYS
    )
    subscriber.bounce_score = 1 if stale else subscriber.bounce_score + 1
    subscriber.last_bounce_at = stored.occurred_at
    subscriber.save(update_fields=["bounce_score", "last_bounce_at", "updated_at"])
    limit = settings.SUBSCRIPTIONS_SOFT_BOUNCE_LIMIT
    if subscriber.bounce_score >= limit:
        detail = f"{subscriber.bounce_score} days with a soft bounce. Last: {stored.detail}"
        suppression.suppress(
            stored.recipient,
            reason=Reason.SOFT_BOUNCES,
            source=source,
            detail=detail,
            event=stored,
        )
        return Outcome.SUPPRESSED
    if subscriber.bounce_score == limit - 1 and subscriber.status == Subscriber.Status.CONFIRMED:
        # One more day of soft bounces suppresses the address: tell them while mail may still
        # get through (a full mailbox, a server that is down for a while).
        outbox.email_after_commit(worker.tasks().send_delivery_trouble, subscriber)
    return Outcome.SCORED


def reset_score(email: str, *, at) -> int:
    """A message to `email` was delivered at `at`: soft bounces before it no longer count."""
    return Subscriber.objects.filter(
        email=email, bounce_score__gt=0, last_bounce_at__lte=at
    ).update(bounce_score=0, last_bounce_at=None)


def _detail(event) -> str:
    parts = [event.description, event.mta_response]
    return " | ".join(str(part) for part in parts if part)[:2000]


def _message_ids(event) -> set[str]:
    """The ids the provider gives the message: its own, and the Message-ID header we set when
    it reports it (SES's commonHeaders), each with and without its angle brackets."""
    ids = {event.message_id}
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    mail = raw.get("mail") if isinstance(raw.get("mail"), dict) else {}
    ids.add((mail.get("commonHeaders") or {}).get("messageId"))
    ids = {str(i).strip() for i in ids if i}
    return ids | {f"<{i.strip('<>')}>" for i in ids} | {i.strip("<>") for i in ids}


def _delivery(event, recipient: str, occurred) -> Delivery | None:
    """Our delivery row the event is about, if we can tell."""
    ids = _message_ids(event)
    for message_id in ids:
        if found := OUR_MESSAGE_ID.match(message_id):
            delivery = Delivery.objects.filter(
                pk=int(found.group(1)), subscriber__email=recipient
            ).first()
            if delivery is not None:
                return delivery
    deliveries = Delivery.objects.filter(subscriber__email=recipient)
    if ids and (delivery := deliveries.filter(message_id__in=ids).first()):
        return delivery
    sent = deliveries.filter(status=Delivery.Status.SENT, sent_at__lte=occurred)
    return sent.order_by("-sent_at").first()
