"""The suppression list: the one place that decides whether we may email an address.

Every path that emails a subscriber asks it: the fan-out of updates and digests
(`sendable`, in SQL), each batch again just before sending (a webhook may have suppressed an
address since the fan-out), and the confirmation, welcome, "already subscribed", new-link and
delivery-trouble emails (`may_send`, in tasks.py). A sign-up of a suppressed address changes
nothing (signup.subscribe) and the sign-up page tells the visitor to contact staff;
`import_subscribers` skips such addresses. Staff's test copies of an update are not asked:
they go to the staff member's own address, whatever this list says.

An address is suppressed at once by a hard bounce, a provider's refusal of the address, a
spam complaint or an unsubscribe at the provider (bounces.py, from django-anymail's tracking
webhooks), by an SMTP server's 5xx answer to the recipient during a send (`refused_for_good`),
by repeated soft bounces on separate days, or by staff. Staff lift a suppression with a note,
kept in the admin's audit log.
"""

import logging
import smtplib

from anymail.exceptions import AnymailRecipientsRefused
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce, Now
from django.utils import timezone

from ..models import Subscriber, Suppression, new_token, normalise_email

logger = logging.getLogger(__name__)

Reason = Suppression.Reason


def active():
    """The suppressions in force."""
    return Suppression.objects.active()


def may_send(email: str) -> bool:
    """Whether we may email `email` (any email but staff's test copies)."""
    return not active().filter(email=normalise_email(email)).exists()


def sendable(subscribers):
    """`subscribers` less those whose address is suppressed: `may_send` for a queryset."""
    return subscribers.exclude(Exists(active().filter(email=OuterRef("email"))))


def suppressed_among(emails) -> set[str]:
    """Which of `emails` (normalised) are suppressed, in one query."""
    return set(active().filter(email__in=list(emails)).values_list("email", flat=True))


def suppress(
    email: str, *, reason: str, source: str = "", detail: str = "", event=None, user=None
) -> tuple[Suppression, bool]:
    """Suppress `email` (if it is not already); the suppression in force, and whether it is
    new. An address already suppressed keeps its first reason and date. `user`: staff adding
    one by hand (the admin's add form, which writes its own audit log entry)."""
    email = normalise_email(email)
    try:
        with transaction.atomic():
            suppression = Suppression.objects.create(
                email=email,
                reason=reason,
                source=source[:100],
                detail=detail[:2000],
                event=event,
                created_by=user,
            )
    except IntegrityError:  # already suppressed (perhaps a moment ago, by a concurrent event)
        return active().get(email=email), False
    logger.info("Suppressed subscriber address (%s, %s)", reason, source)
    return suppression, True


def end_subscriptions(email: str) -> int:
    """End every subscription of `email` at once (a spam complaint, an unsubscribe at the
    provider), as the unsubscribe link does: the links in earlier emails stop working."""
    return Subscriber.objects.filter(email=normalise_email(email)).update(
        status=Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at=Coalesce("unsubscribed_at", Now()),
        token=new_token(),
    )


def lift_suppression(suppression: Suppression, *, user, note: str) -> bool:
    """Lift `suppression` (staff, with a note saying why); False if it was lifted already. The
    address's soft-bounce score starts again from zero; a subscription that a complaint ended
    stays ended (its owner signs up again)."""
    note = note.strip()
    if not note:
        raise ValueError("A note is required to lift a suppression.")
    with transaction.atomic():
        lifted = Suppression.objects.filter(pk=suppression.pk, lifted_at__isnull=True).update(
            lifted_at=timezone.now(), lifted_by=user, lift_note=note
        )
        if not lifted:
            return False
        if suppression.email:
            Subscriber.objects.filter(email=suppression.email).update(
                bounce_score=0, last_bounce_at=None
            )
        suppression.refresh_from_db()
        _log(user, suppression, CHANGE, f"Lifted the suppression: {note}")
    return True


def refused_for_good(error: Exception) -> bool:
    """Whether a sending error is the receiving side refusing the address itself for good:
    a 5xx answer to RCPT TO (plain SMTP), or an email provider's API refusing the recipient
    (django-anymail's AnymailRecipientsRefused: "rejected" or "invalid").

    Other 5xx answers are not about the address: one to MAIL FROM or to the login refuses us
    (every recipient of the batch would be suppressed for our own misconfiguration), one to
    DATA refuses the message (too large, its content); they fail the delivery only."""
    if isinstance(error, AnymailRecipientsRefused):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    return False


def suppress_refused(email: str, error: Exception) -> tuple[Suppression, bool]:
    """Suppress an address the mail server or provider refused while we sent (see
    `refused_for_good`), as a hard bounce."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        source, detail = "SMTP answer", f"{code} {text}"
    else:
        source, detail = "email provider's answer", str(error)
    return suppress(email, reason=Reason.HARD_BOUNCE, source=source, detail=detail)


def _log(user, suppression: Suppression, action: int, message: str) -> None:
    """An entry in the admin's audit log (django.contrib.admin LogEntry)."""
    if user is not None and user.pk:
        LogEntry.objects.log_actions(
            user.pk, [suppression], action, change_message=message, single_object=True
        )
