"""Sign-up, confirmation, preferences, a new manage link, unsubscribing, and a subscriber's
data (export, erasure, purging sign-ups never confirmed)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce, Now
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from .. import outbox
from ..models import (
    Delivery,
    Subscriber,
    Topic,
    new_token,
    normalise_email,
    supported_language,
)
from . import removals, suppression, worker

# Shown next to every sign-up form, in the page's language; the words the visitor saw are kept
# (in that language) as their consent record.
CONSENT_TEXT = gettext_lazy(
    "Yes, email me updates from Portland's Clean Industry Initiative on the topics I chose. "
    "I can change my choices or unsubscribe at any time with the link in every email."
)


def mailbox(email: str) -> str:
    """The mailbox an address delivers to, for counting what we send it: lower case, with any
    "+tag" left out of the local part (foo+news@Example.org reaches foo@example.org)."""
    local, _, domain = normalise_email(email).rpartition("@")
    return f"{local.partition('+')[0]}@{domain}"


def subscribe(
    *,
    email: str,
    topics,
    frequency: str = Subscriber.Frequency.IMMEDIATELY,
    language: str = "",
    source: str = "",
) -> bool:
    """Record a sign-up and email the address; False (and nothing done) for a suppressed
    address, which the sign-up page tells to contact staff. The caller's answer depends on
    nothing else.

    The sign-up itself changes nothing that is consent: anyone can type any address. So
    - a new address becomes a pending subscriber with these choices;
    - a pending one (never confirmed) takes these choices in place of its earlier ones;
    - an unsubscribed one stays exactly as it is, its unsubscribe and its consent record
      on record, until the mailbox's owner presses the confirmation link;
    and each of those is sent a confirmation link that carries the choices (signed; see
    `confirmation_code`), which `confirm` applies. A confirmed address is left as it is and
    gets a "you are already subscribed" note with its manage link.

    `language` is the language of their emails (one of settings.LANGUAGES); the consent text
    recorded is CONSENT_TEXT in the active language (the page's), the words shown next to the
    form. How often one mailbox can be emailed is the view's limit (views.subscribe).

    An address erased after unsubscribing (retention.py) may sign up again this way: the
    confirmation goes out, and confirming lifts the erasure's suppression."""
    tasks = worker.tasks()

    email = normalise_email(email)
    if not suppression.may_send(email, for_sign_up=True):
        return False
    now = timezone.now()
    sign_up = {
        "topics": sorted(topic.pk for topic in topics),
        "frequency": frequency,
        "language": supported_language(language),
        "source": source[:500],
        "consent_language": translation.get_language() or settings.LANGUAGE_CODE,
        "at": now.isoformat(),
    }
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
            outbox.email_after_commit(tasks.send_already_subscribed, subscriber)
            return True
        if subscriber is None or subscriber.status == Subscriber.Status.PENDING:
            subscriber = subscriber or Subscriber(email=email)
            _apply(subscriber, sign_up)
            try:
                with transaction.atomic():
                    subscriber.save()
            except IntegrityError:  # the same address signed up concurrently: that one wins
                return True
            subscriber.topics.set(sign_up["topics"])
        outbox.email_after_commit(tasks.send_confirmation, subscriber, sign_up)
    return True


def _apply(subscriber: Subscriber, sign_up: dict) -> None:
    """Set the choices and the consent record of `sign_up` on `subscriber` (not its topics)."""
    subscriber.frequency = sign_up["frequency"]
    subscriber.language = supported_language(sign_up["language"])
    subscriber.consent_at = datetime.fromisoformat(sign_up["at"])
    subscriber.consent_source = sign_up["source"]
    with translation.override(sign_up["consent_language"]):
        subscriber.consent_text = str(CONSENT_TEXT)


def confirm(*, subscriber: Subscriber, sign_up: dict) -> bool:
    """Confirm a pending or unsubscribed subscriber with the choices and consent of `sign_up`
    (from their confirmation link); True the first time (a welcome email follows)."""
    tasks = worker.tasks()

    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update()
            .exclude(status=Subscriber.Status.CONFIRMED)
            .filter(pk=subscriber.pk, confirmed_at=subscriber.confirmed_at)
            .first()
        )
        if subscriber is None:  # confirmed meanwhile, by this link or another
            return False
        _apply(subscriber, sign_up)
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at, subscriber.unsubscribed_at = timezone.now(), None
        subscriber.save()
        subscriber.topics.set(Topic.objects.filter(pk__in=sign_up["topics"]))
        suppression.lift_erased(subscriber.email, why="Signed up again and confirmed.")
        outbox.email_after_commit(tasks.send_welcome, subscriber)
    return True


def update_preferences(*, subscriber: Subscriber, topics, frequency: str, language: str) -> None:
    with transaction.atomic():
        subscriber.frequency, subscriber.language = frequency, language
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED and topics:
            # Only the mailbox owner has the token: saving topics means "subscribe me again".
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.unsubscribed_at = None
        subscriber.save()
        subscriber.topics.set(topics)


def unsubscribe(*, token: str) -> bool:
    """Unsubscribe the holder of `token` from everything; False if no such subscriber.

    Their token changes: the links in the emails they had (which may be forwarded or sitting
    in an archive) no longer open their manage page; signing up again sends a new one."""
    fields = {
        "status": Subscriber.Status.UNSUBSCRIBED,
        "unsubscribed_at": Coalesce("unsubscribed_at", Now()),
        "token": new_token(),
    }
    with transaction.atomic():
        confirmed = Subscriber.objects.filter(token=token, status=Subscriber.Status.CONFIRMED)
        if confirmed.update(**fields):  # one leaving the list (not a pending sign-up)
            removals.record(removals.Reason.UNSUBSCRIBED)
            return True
        return bool(Subscriber.objects.filter(token=token).update(**fields))


def send_new_link(*, subscriber: Subscriber) -> None:
    """Replace the subscriber's token and email them their new manage link: the links in
    every earlier email (their manage and unsubscribe links) stop working."""
    tasks = worker.tasks()

    Subscriber.objects.filter(pk=subscriber.pk).update(token=new_token())
    outbox.email_after_commit(tasks.send_new_link, subscriber)


def export_data(*, subscriber: Subscriber) -> dict:
    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "language": subscriber.language,
        "frequency": subscriber.frequency,
        "topics": [{"key": t.key, "title": t.title} for t in subscriber.topics.all()],
        "signed_up_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
        "unsubscribed_at": subscriber.unsubscribed_at and subscriber.unsubscribed_at.isoformat(),
        "consent": {
            "at": subscriber.consent_at and subscriber.consent_at.isoformat(),
            "source": subscriber.consent_source,
            "text": subscriber.consent_text,
        },
        "emails_sent": [
            {
                "subject": d.update.subject,
                "sent_at": d.sent_at.isoformat(),
                "message_id": d.message_id,
            }
            for d in subscriber.deliveries.filter(status=Delivery.Status.SENT).select_related(
                "update"
            )
        ],
    }


def delete_data(*, subscriber: Subscriber) -> None:
    """Erase the subscriber and their delivery history (the right to erasure). Deliveries no
    longer go with a deleted subscriber (they stay, unlinked, for list care's erasure): these
    are deleted here, as the delete page says."""
    with transaction.atomic():
        subscriber.deliveries.all().delete()
        subscriber.delete()


def purge_unconfirmed(*, now=None) -> int:
    cutoff = (now or timezone.now()) - timedelta(
        days=settings.SUBSCRIPTIONS_PURGE_PENDING_AFTER_DAYS
    )
    with transaction.atomic():
        _, deleted = Subscriber.objects.filter(
            status=Subscriber.Status.PENDING, updated_at__lt=cutoff
        ).delete()
        purged = deleted.get(Subscriber._meta.label, 0)
        removals.record(removals.Reason.UNCONFIRMED, purged, at=now)
    return purged
