"""Confirmation codes: the signed link that confirms a sign-up carries its choices."""

from datetime import datetime

from django.conf import settings
from django.core import signing

from ..models import Subscriber

CONFIRM_SALT = "subscriptions.confirm"


def sign_up_of(subscriber: Subscriber) -> dict:
    """The sign-up a pending subscriber's row records (for a confirmation queued before the
    sign-up travelled with its task)."""
    return {
        "topics": sorted(subscriber.topics.values_list("pk", flat=True)),
        "frequency": subscriber.frequency,
        "language": subscriber.language,
        "source": subscriber.consent_source,
        "consent_language": subscriber.language,
        "at": (subscriber.consent_at or subscriber.created_at).isoformat(),
    }


def confirmation_code(subscriber: Subscriber, sign_up: dict) -> str:
    """The signed code of a confirmation link: who it is for, the choices of their sign-up,
    and their confirmation so far, so that a link works once: after confirming, neither it nor
    any older link works again (nor shows the manage page)."""
    confirmed = subscriber.confirmed_at and subscriber.confirmed_at.isoformat()
    data = {"id": subscriber.pk, "email": subscriber.email, "confirmed": confirmed, **sign_up}
    return signing.dumps(data, salt=CONFIRM_SALT, compress=True)


def sign_up_for_code(code: str) -> tuple[Subscriber, dict] | None:
    """The subscriber a confirmation code names and the choices it carries, or None if it is
    forged, expired, already used or stale."""
    try:
        data = signing.loads(
            code, salt=CONFIRM_SALT, max_age=settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    confirmed = data.pop("confirmed", None)
    subscriber = (
        Subscriber.objects.exclude(status=Subscriber.Status.CONFIRMED)
        .filter(pk=data.pop("id", None), email=data.pop("email", None))
        .filter(confirmed_at=datetime.fromisoformat(confirmed) if confirmed else None)
        .first()
    )
    return (subscriber, data) if subscriber else None


CHANGE_EMAIL_SALT = "subscriptions.change-email"


def change_email_code(subscriber: Subscriber, new_email: str) -> str:
    """The signed code of the link, sent to `new_email`, that moves `subscriber`'s updates
    there. It names the address they leave, so it works once: after the move (or any other
    move) it no longer matches."""
    data = {"id": subscriber.pk, "from": subscriber.email, "to": new_email}
    return signing.dumps(data, salt=CHANGE_EMAIL_SALT, compress=True)


def email_change_for_code(code: str) -> tuple[Subscriber, str] | None:
    """The subscriber a change-of-address code names and the address it moves them to, or None
    if it is forged, expired, or already used (their address is no longer the one it names)."""
    try:
        data = signing.loads(
            code, salt=CHANGE_EMAIL_SALT, max_age=settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    subscriber = Subscriber.objects.filter(pk=data.get("id"), email=data.get("from")).first()
    return (subscriber, data["to"]) if subscriber and data.get("to") else None
