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

An erased address (retention.py: unsubscribed from everything, then erased) is on the list
as a salted hash only (`email_hash`); every check here compares that hash too, so an import
skips it. Its owner may sign up again themselves: a sign-up (and a change of address to it)
is told apart with `for_sign_up=True`, which an ERASED suppression alone does not stop, and
their confirmation lifts it (`lift_erased`). Any other suppression of the address (a bounce,
a complaint), hashed with it at the erasure, stops a sign-up as before.
"""

import hashlib
import logging
import smtplib

from anymail.exceptions import AnymailRecipientsRefused
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, Func, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Concat, Now
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ..models import Subscriber, Suppression, new_token, normalise_email
from . import removals

logger = logging.getLogger(__name__)

Reason = Suppression.Reason


def active():
    """The suppressions in force."""
    return Suppression.objects.active()


def hash_salt() -> str:
    """SUBSCRIPTIONS_HASH_SALT, or one derived from SECRET_KEY when it is not set."""
    return settings.SUBSCRIPTIONS_HASH_SALT or (
        salted_hmac("subscriptions.erased-address", "salt", algorithm="sha256").hexdigest()
    )


def email_hash(email: str) -> str:
    """What the suppression list keeps of an erased address: SHA-256 of the salt and the
    address (hex). The salt is secret, so the list cannot be checked against a list of
    addresses by anyone without it. `EmailHash` is the same in SQL."""
    return _hashed(email, hash_salt())


def _hashed(email: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{normalise_email(email)}".encode()).hexdigest()


class _SHA256(Func):
    """The hex SHA-256 of a text's UTF-8 bytes: SQLite's SHA256 (a function Django's backend
    registers), PostgreSQL's built-in sha256 (no pgcrypto needed, unlike Django's SHA256)."""

    function = "SHA256"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "encode(sha256(convert_to(%(expressions)s, 'UTF8')), 'hex')"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def EmailHash(expression):
    """`email_hash` of an address column (stored normalised), in SQL."""
    return _SHA256(Concat(Value(f"{hash_salt()}:"), expression, output_field=CharField()))


def _matching(email: str, *, for_sign_up: bool = False):
    suppressions = active().filter(Q(email=email) | Q(email_hash=email_hash(email)))
    if for_sign_up:
        suppressions = suppressions.exclude(reason=Reason.ERASED)
    return suppressions


def may_send(email: str, *, for_sign_up: bool = False) -> bool:
    """Whether we may email `email` (any email but staff's test copies). `for_sign_up`: the
    address's owner is signing up (or moving their updates to it) and is asked to confirm, which
    an erasure alone does not stop (see the module's docstring)."""
    return not _matching(normalise_email(email), for_sign_up=for_sign_up).exists()


def sendable(subscribers):
    """`subscribers` less those whose address is suppressed: `may_send` for a queryset."""
    hashed = active().exclude(email_hash="").filter(email_hash=EmailHash(OuterRef("email")))
    return subscribers.exclude(Exists(active().filter(email=OuterRef("email")))).exclude(
        Exists(hashed)
    )


def suppressed_among(emails) -> set[str]:
    """Which of `emails` (normalised) are suppressed (erased ones included), in one query."""
    salt = hash_salt()  # an HMAC when derived from SECRET_KEY: once, not once per address
    hashes = {_hashed(email, salt): email for email in emails}
    rows = active().filter(Q(email__in=list(hashes.values())) | Q(email_hash__in=list(hashes)))
    found = set()
    for email, digest in rows.values_list("email", "email_hash"):
        found.add(email or hashes[digest])
    return found


def lift_erased(email: str, *, why: str) -> int:
    """Lift the ERASED suppression of `email`, if it has one: its owner has signed up again and
    confirmed (the only way back that needs no staff). Returns how many were lifted (0 or 1)."""
    return (
        active()
        .filter(email_hash=email_hash(email), reason=Reason.ERASED)
        .update(lifted_at=timezone.now(), lift_note=why)
    )


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
    on_the_list = Subscriber.objects.filter(email=email, status=Subscriber.Status.CONFIRMED)
    if reason in removals.FOR_SUPPRESSION and on_the_list.exists():
        removals.record(removals.FOR_SUPPRESSION[reason])
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
