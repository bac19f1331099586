"""The record of subscribers leaving the list, by reason (models.Removal), that the admin's
report of removals by month counts. Written where each way of leaving happens: an unsubscribe
(signup.unsubscribe, or the provider's: suppression.suppress), a suppression of a confirmed
subscriber's address (a bounce, a complaint, staff), a purge of unconfirmed sign-ups, an
erasure (retention.py)."""

from django.utils import timezone

from ..models import Removal, Suppression

Reason = Removal.Reason

# What a new suppression of a confirmed subscriber's address counts as. An erasure is counted
# by the erasure itself.
FOR_SUPPRESSION = {
    Suppression.Reason.HARD_BOUNCE: Reason.BOUNCED,
    Suppression.Reason.REJECTED: Reason.BOUNCED,
    Suppression.Reason.SOFT_BOUNCES: Reason.BOUNCED,
    Suppression.Reason.COMPLAINT: Reason.COMPLAINED,
    Suppression.Reason.PROVIDER_UNSUBSCRIBE: Reason.UNSUBSCRIBED,
    Suppression.Reason.MANUAL: Reason.SUPPRESSED_BY_STAFF,
}


def record(reason: str, count: int = 1, *, at=None) -> None:
    """`count` subscribers left for `reason` (at `at`, default now)."""
    if count > 0:
        at = at or timezone.now()
        Removal.objects.bulk_create([Removal(reason=reason, removed_at=at) for _ in range(count)])
