"""List care: what we keep about subscribers, and for how long. `care_for_list` runs daily
(Celery beat, or `manage.py care_for_list`):

- sign-ups never confirmed are purged after SUBSCRIPTIONS_PURGE_PENDING_AFTER_DAYS
  (signup.purge_unconfirmed);
- an address unsubscribed from everything is erased SUBSCRIPTIONS_ERASE_AFTER_DAYS later
  (`erase`): its subscriber row goes (topics, consent record), and with it the address
  wherever else it was written (tracking events, the admin's audit log, delivery errors, the
  suppression list). The suppression list keeps a salted hash of it instead
  (suppression.email_hash), so an import, a staff member or a script cannot bring the address
  back unnoticed; its owner can, by signing up and confirming (see suppression.py). The
  deliveries made to it stay, unlinked, so the counts of past sends stay true;
- deliveries older than SUBSCRIPTIONS_DELIVERY_ADDRESS_DAYS, and the provider's events about
  them, forget whom they went to (`forget_old_addresses`).

Each step is safe to run again and at any time: it acts on what is due when it runs.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from django.utils import timezone

from ..models import Delivery, Subscriber, Suppression, TrackingEvent
from . import removals, suppression
from .signup import purge_unconfirmed

ERASED = "(erased address)"  # what the audit log says where it named the address


def due_for_erasure(*, now=None):
    cutoff = (now or timezone.now()) - timedelta(days=settings.SUBSCRIPTIONS_ERASE_AFTER_DAYS)
    return Subscriber.objects.filter(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at__lt=cutoff
    )


def erase_unsubscribed(*, now=None) -> int:
    """Erase every address unsubscribed from everything more than
    SUBSCRIPTIONS_ERASE_AFTER_DAYS ago; how many were."""
    now = now or timezone.now()
    ids = list(due_for_erasure(now=now).values_list("pk", flat=True))
    return sum(erase(pk, now=now) for pk in ids)


def erase(subscriber_id: int, *, now=None) -> bool:
    """Erase one subscriber unsubscribed long enough (False if not, or gone): see the module's
    docstring. One transaction: the address is erased everywhere or nowhere."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = due_for_erasure(now=now).select_for_update().filter(pk=subscriber_id).first()
        if subscriber is None:  # subscribed again meanwhile, or erased by another run
            return False
        email, digest = subscriber.email, suppression.email_hash(subscriber.email)
        _hash_suppressions(email, digest, now=now, unsubscribed_at=subscriber.unsubscribed_at)
        TrackingEvent.objects.filter(recipient=email).update(recipient="", detail="")
        _forget_in_text(Delivery.objects.filter(subscriber=subscriber), "last_error", email)
        _clean_audit_log(subscriber, email)
        subscriber.delete()  # its topics and owed emails; its deliveries stay, unlinked
        removals.record(removals.Reason.ERASED, at=now)
    return True


def _hash_suppressions(email: str, digest: str, *, now, unsubscribed_at) -> None:
    """The address's suppressions (in force or lifted, its history) keep the hash in its place;
    without one in force, an ERASED one is added."""
    rows = Suppression.objects.filter(email=email)
    in_force = suppression.active().filter(email_hash=digest).first()
    if in_force is not None:  # erased before (then signed up again through staff): one is enough
        rows.filter(lifted_at__isnull=True).update(
            lifted_at=now, lift_note="Erased: the suppression of its hash stays in force."
        )
    rows.update(email="", email_hash=digest)
    if in_force is None and not suppression.active().filter(email_hash=digest).exists():
        try:
            with transaction.atomic():
                Suppression.objects.create(
                    email_hash=digest,
                    reason=Suppression.Reason.ERASED,
                    created_at=now,
                    source="list care",
                    detail=(
                        f"Unsubscribed from everything on {unsubscribed_at:%Y-%m-%d}; erased "
                        f"after {settings.SUBSCRIPTIONS_ERASE_AFTER_DAYS} days."
                    ),
                )
        except IntegrityError:  # a concurrent run did it
            pass


def _forget_in_text(queryset, field: str, email: str) -> None:
    """Replace `email` where it is written in `field` (an SMTP answer often quotes it)."""
    queryset.filter(**{f"{field}__icontains": email}).update(
        **{field: Replace(F(field), Value(email), Value(ERASED))}
    )


def _clean_audit_log(subscriber: Subscriber, email: str) -> None:
    """The admin's audit log names an object by its str (the address, for a subscriber and a
    suppression) and may quote it in a change message (a lift note)."""
    types = ContentType.objects.get_for_models(Subscriber, Suppression)
    ours = LogEntry.objects.filter(content_type__in=list(types.values()))
    ours.filter(
        Q(content_type=types[Subscriber], object_id=str(subscriber.pk))
        | Q(object_repr__iexact=email)
    ).update(object_repr=ERASED)
    _forget_in_text(ours, "change_message", email)


def forget_old_addresses(*, now=None) -> dict[str, int]:
    """Deliveries made more than SUBSCRIPTIONS_DELIVERY_ADDRESS_DAYS ago lose their subscriber
    and error text; the provider's events as old lose their recipient and words. Deliveries
    still to send are left alone."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SUBSCRIPTIONS_DELIVERY_ADDRESS_DAYS)
    deliveries = (
        Delivery.objects.filter(created_at__lt=cutoff)
        .exclude(status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING])
        .filter(~Q(last_error="") | Q(subscriber__isnull=False))
        .update(subscriber=None, last_error="")
    )
    events = (
        TrackingEvent.objects.filter(received_at__lt=cutoff)
        .exclude(recipient="", detail="")
        .update(recipient="", detail="")
    )
    return {"deliveries anonymised": deliveries, "events anonymised": events}


def care_for_list(*, now=None) -> dict[str, int]:
    """The daily list care: each step, and how many rows it changed."""
    now = now or timezone.now()
    return {
        "unconfirmed sign-ups purged": purge_unconfirmed(now=now),
        "addresses erased": erase_unsubscribed(now=now),
        **forget_old_addresses(now=now),
    }
