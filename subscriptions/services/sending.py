"""Sending updates: the fan-out to deliveries, batches, finishing a send, test sends.

Exactly-once fan-out
--------------------
`send_update` inserts one Delivery row per (update, confirmed subscriber) in bulk; the unique
constraint makes a rerun insert nothing. Workers then call `send_next_batch`, which claims up
to SUBSCRIPTIONS_BATCH_SIZE rows with `SELECT … FOR UPDATE SKIP LOCKED` and sets them to
"sending" with a lease. It opens ONE connection for the batch, sends the messages one at a
time, and marks each row "sent" (with its Message-ID) in its own commit right after the SMTP
server accepted it. A row whose lease expired (its worker died) can be claimed again. Rows not
to be sent after all (unsubscribed, erased or suppressed since the fan-out) are marked before
the first message goes, one UPDATE per outcome: besides that one commit per message sent, a
batch's queries are the same whatever its size.

The one unavoidable window: a worker killed (or its database lost) after the SMTP server
accepted a message but before that row's "sent" commit. Nothing can know whether that message
went out: the row is still "sending", and when its lease expires it is sent again. Because a
worker sends one message at a time and commits each one before the next, at most ONE message
per killed worker is duplicated; every other row of its batch is either committed "sent" or
was never handed to SMTP. We chose at-least-once for that message (a duplicate) over
at-most-once (a silent loss): a subscriber who misses an update never learns of it, while a
duplicate carries the same Message-ID as the first copy (the id is derived from the delivery
row, so it is known before sending and stable across attempts), which lets mailbox providers
and clients that de-duplicate by Message-ID drop it. The "sent" commit is retried on a fresh
connection before giving up, so a passing database blip does not open the window; only a
crash does.

The "sent" commit is asynchronous on PostgreSQL (`SET LOCAL synchronous_commit TO OFF`, that
transaction only): the worker does not wait for each mark to reach the disk, which was nearly
a third of the time a message took (bench/README.md). A worker killed, or the database shut
down cleanly (a restart), loses no mark: the commit is in the server's memory, and on disk
within three wal_writer_delay (0.6 s by default). Only a crash of the database server itself
can lose the marks of those last ~0.6 s; their rows are then still "sending" and are sent again
when their lease expires, with the same Message-ID: duplicates, never a loss, as above. Every
other write stays synchronous.

One rate for every worker
-------------------------
With SUBSCRIPTIONS_MAX_RATE set, each message waits for a slot of the shared limiter
(subscriptions/rate.py) right before it is handed to the provider: all workers together never
send more in any one second. A provider's "slow down" (`is_slow_down`) puts back the message
and the rest of the batch, due after a delay that doubles with that message's attempts, and
pauses every worker for as long: a worker sending asks the limiter before each message and
gives its batch back too, and a worker about to claim a batch waits out the pause first. Rows
given back were not handed to the provider (the one refused was refused): nothing is lost or
sent twice. Without a rate, workers notice a pause only before claiming a batch.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from anymail.exceptions import AnymailAPIError
from django.conf import settings
from django.core.mail import get_connection
from django.db import OperationalError, connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from core.cache import content_changed

from .. import emails, rate
from ..models import Delivery, Subscriber, Topic, TrackingEvent, Update, supported_language
from . import suppression, worker

logger = logging.getLogger(__name__)


def _followers(update: Update):
    """Confirmed subscribers who follow what `update` is about, however often they read: its
    topics (a bulletin), or the topics of the bulletins it gathers (a digest)."""
    if update.kind == Update.Kind.DIGEST:
        topic_ids = Topic.objects.filter(updates__in=update.digest_items.all()).values("pk")
    else:
        topic_ids = update.topics.values("pk")
    follows = Subscriber.topics.through.objects.filter(
        subscriber_id=OuterRef("pk"), topic_id__in=topic_ids
    )
    subscribers = Subscriber.objects.filter(Exists(follows), status=Subscriber.Status.CONFIRMED)
    return suppression.sendable(subscribers)  # never a suppressed address


def _frequency(update: Update) -> str:
    """Who gets `update` when it is sent: a bulletin goes to "immediately" subscribers, a
    digest to "weekly" ones (who read bulletins in it instead)."""
    if update.kind == Update.Kind.DIGEST:
        return Subscriber.Frequency.WEEKLY
    return Subscriber.Frequency.IMMEDIATELY


def recipients(update: Update):
    """The subscribers sending `update` creates a delivery for (`send_update`)."""
    return _followers(update).filter(frequency=_frequency(update))


@dataclass(frozen=True)
class Audience:
    """Who an update reaches, counted before it is sent: `now` subscribers when it is sent
    (each gets one delivery), `weekly` more in the next weekly digest (a bulletin's followers
    who chose the digest; none for a digest), and both per language of settings.LANGUAGES."""

    now: int
    weekly: int
    languages: list[dict]  # {"code", "name", "now", "weekly"}, the languages reached only


def audience(update: Update) -> Audience:
    """What sending `update` would do, in one query on the same rule as `recipients`."""
    now_frequency = _frequency(update)
    counts: dict[str, dict[str, int]] = {}
    rows = _followers(update).values_list("language", "frequency").annotate(n=Count("pk"))
    for language, frequency, n in rows.order_by():
        # What the email will be written in (a language no longer offered: the default).
        by_language = counts.setdefault(supported_language(language), {"now": 0, "weekly": 0})
        if frequency == now_frequency:
            by_language["now"] += n
        elif frequency == Subscriber.Frequency.WEEKLY:
            by_language["weekly"] += n
    languages = [
        {"code": code, "name": name, **counts[code]}
        for code, name in settings.LANGUAGES
        if code in counts and (counts[code]["now"] or counts[code]["weekly"])
    ]
    return Audience(
        now=sum(language["now"] for language in languages),
        weekly=sum(language["weekly"] for language in languages),
        languages=languages,
    )


def schedule(*, update: Update, when) -> bool:
    return bool(
        Update.objects.filter(
            pk=update.pk, status__in=[Update.Status.DRAFT, Update.Status.SCHEDULED]
        ).update(status=Update.Status.SCHEDULED, scheduled_at=when)
    )


def send_now(*, update: Update) -> bool:
    """Start sending `update` now (the admin's "Send now"): a worker fans it out once this
    transaction commits. False if it is already sending or sent."""
    if not schedule(update=update, when=timezone.now()):
        return False
    tasks = worker.tasks()
    # Robust: with the broker down the update is due anyway, and beat's send_due_updates
    # starts it once the broker is back.
    transaction.on_commit(lambda: tasks.start_update.delay(update.pk), robust=True)
    return True


def send_update(*, update: Update, chunk: int = 5000) -> int:
    """Start (or resume) sending `update`; safe to call again: it never sends anything twice.

    Returns the number of batch tasks enqueued."""
    tasks = worker.tasks()

    started = Update.objects.filter(
        pk=update.pk, status__in=[Update.Status.DRAFT, Update.Status.SCHEDULED]
    ).update(status=Update.Status.SENDING, sending_started_at=timezone.now())
    update.refresh_from_db()
    if update.status != Update.Status.SENDING:
        return 0
    if started or not update.deliveries.exists():
        last_pk = 0
        audience = recipients(update).order_by("pk").values_list("pk", flat=True)
        while ids := list(audience.filter(pk__gt=last_pk)[:chunk]):
            Delivery.objects.bulk_create(
                [Delivery(update_id=update.pk, subscriber_id=pk) for pk in ids],
                ignore_conflicts=True,
            )
            last_pk = ids[-1]
    pending = update.deliveries.filter(status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING])
    batches = -(-pending.count() // settings.SUBSCRIPTIONS_BATCH_SIZE)
    if not batches:
        finish_if_done(update_id=update.pk)
        return 0
    # With the broker down the batches are lost, not the sending: beat's resume_sending enqueues
    # them again (robust: the caller's commit stands).
    transaction.on_commit(
        lambda: [tasks.send_batch.delay(update.pk) for _ in range(batches)], robust=True
    )
    return batches


def claim_batch(*, update_id: int, size: int | None = None) -> list[int]:
    """Take up to `size` rows that are queued (and due) or whose lease has expired."""
    now = timezone.now()
    size = size or settings.SUBSCRIPTIONS_BATCH_SIZE
    claimable = Q(status=Delivery.Status.QUEUED) & (
        Q(not_before__isnull=True) | Q(not_before__lte=now)
    ) | Q(status=Delivery.Status.SENDING, lease_expires_at__lt=now)
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(claimable, update_id=update_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        Delivery.objects.filter(pk__in=ids).update(
            status=Delivery.Status.SENDING,
            lease_expires_at=now + timedelta(seconds=settings.SUBSCRIPTIONS_LEASE_SECONDS),
        )
    return ids


def smtp_code(error: Exception) -> int | None:
    """The SMTP reply code behind a sending error, if there is one."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return max(codes) if codes else None
    code = getattr(error, "smtp_code", None) or getattr(error, "status_code", None)
    return code if isinstance(code, int) else None


def is_slow_down(error: Exception) -> bool:
    """A provider asking every sender to slow down, not refusing one recipient: SMTP 421
    (closing the connection) at any step, a 4xx answer to anything but RCPT TO (the
    connection, the sender, the message: 450/451/452 "try later", Amazon SES's 454
    "Throttling failure"), or HTTP 429 from a provider's API (anymail). A 4xx for one recipient
    (greylisting, a domain whose DNS fails for now) only delays that recipient: pausing all
    sending for it would let one bad domain stall a whole list for hours."""
    code = smtp_code(error)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return code == 421
    if isinstance(error, smtplib.SMTPResponseException):
        return code is not None and 400 <= code < 500
    if isinstance(error, AnymailAPIError):
        if code is None and isinstance(error.response, dict):  # boto's answer (Amazon SES)
            code = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return code == 429
    return False


def _write(fn, attempts: int = 3):
    """Run a one-row bookkeeping write, reconnecting if the database connection dropped."""
    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError:
            if attempt == attempts - 1:
                raise
            connection.close()


def send_next_batch(*, update_id: int) -> float | None:
    """Claim and send one batch of `update_id`. Returns seconds until rows put back for a
    transient failure or a pause are due again (so the caller can come back), or None."""
    limiter = rate.limiter()
    if wait := limiter.paused_for():
        return wait  # claim nothing: the provider asked every worker to wait
    ids = claim_batch(update_id=update_id)
    if not ids:
        finish_if_done(update_id=update_id)
        return None
    update = Update.objects.get(pk=update_id)
    deliveries = Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING)
    deliveries = deliveries.select_related("subscriber").order_by("pk")
    if update.kind == Update.Kind.DIGEST:
        deliveries = deliveries.prefetch_related("subscriber__topics")
    deliveries = _set_aside(list(deliveries))
    renderer = emails.renderer_for(update)
    retry_in = None
    with get_connection() as conn:  # one connection for the whole batch
        for index, delivery in enumerate(deliveries):
            subscriber = delivery.subscriber
            message_id = emails.message_id(delivery)
            message = renderer.message(subscriber, message_id=message_id)
            message.connection = conn
            try:
                with limiter.slot():
                    message.send()
            except rate.Paused as paused:
                # Another worker was told to slow down: this batch waits in the queue, not here.
                _give_back(deliveries[index:], after=paused.seconds)
                retry_in = min(retry_in or paused.seconds, paused.seconds)
                break
            except Exception as error:
                code = smtp_code(error)
                attempts = delivery.attempts + 1
                # The address refused for good (a 5xx to RCPT TO, the provider's rejection):
                # a hard bounce, so it is suppressed, and the connection is fine.
                refused = suppression.refused_for_good(error)
                if refused:
                    _write(lambda e=error, a=subscriber.email: suppression.suppress_refused(a, e))
                permanent = refused or (code is not None and 500 <= code < 600)
                delay = settings.SUBSCRIPTIONS_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
                if permanent or attempts >= settings.SUBSCRIPTIONS_MAX_ATTEMPTS:
                    _write(lambda d=delivery, a=attempts, e=error: _mark_failed(d, a, e))
                    # The delivery id, never the error's text: it names the address.
                    logger.warning(
                        "Delivery %s failed for good: %s (SMTP %s)",
                        delivery.pk,
                        type(error).__name__,
                        code,
                    )
                else:
                    _write(lambda d=delivery, a=attempts, e=error, s=delay: _requeue(d, a, e, s))
                    retry_in = min(retry_in or delay, delay)
                if is_slow_down(error):
                    limiter.pause(delay)
                    logger.warning(
                        "The mail server asked to slow down (%s, SMTP %s): sending paused %s s",
                        type(error).__name__,
                        code,
                        delay,
                    )
                    _give_back(deliveries[index + 1 :], after=delay)
                    retry_in = min(retry_in or delay, delay)
                    break
                if not refused and (
                    code is None or isinstance(error, smtplib.SMTPServerDisconnected)
                ):
                    # The connection itself is suspect: give the rest of the batch back.
                    _give_back(deliveries[index + 1 :])
                    delay = settings.SUBSCRIPTIONS_RETRY_BASE_SECONDS
                    retry_in = min(retry_in or delay, delay)
                    break
                continue
            provider_id = getattr(getattr(message, "anymail_status", None), "message_id", None)
            _write(lambda d=delivery, m=provider_id or message_id: _mark_sent(d, m))
    finish_if_done(update_id=update_id)
    return retry_in


def _set_aside(deliveries: list[Delivery]) -> list[Delivery]:
    """The rows of a batch to send. The others are marked before anything is sent, in one
    UPDATE per outcome whatever their number: subscribers erased since the fan-out
    (retention.py) or no longer confirmed are cancelled, and addresses suppressed meanwhile (a
    bounce or complaint came in: one query a batch) are not sent to."""
    addresses = [d.subscriber.email for d in deliveries if d.subscriber is not None]
    suppressed = suppression.suppressed_among(addresses)
    to_send, outcomes = [], {Delivery.Status.CANCELLED: [], Delivery.Status.SUPPRESSED: []}
    for delivery in deliveries:
        subscriber = delivery.subscriber
        if subscriber is None:
            outcomes[Delivery.Status.CANCELLED].append(delivery.pk)
        elif subscriber.email in suppressed:
            outcomes[Delivery.Status.SUPPRESSED].append(delivery.pk)
        elif subscriber.status != Subscriber.Status.CONFIRMED:
            outcomes[Delivery.Status.CANCELLED].append(delivery.pk)
        else:
            to_send.append(delivery)
    for status, pks in outcomes.items():
        if pks:
            Delivery.objects.filter(pk__in=pks, status=Delivery.Status.SENDING).update(
                status=status, lease_expires_at=None
            )
    return to_send


def _give_back(deliveries: list[Delivery], *, after: float | None = None) -> None:
    """Put rows this worker claimed but did not hand to the provider back in the queue (due
    `after` seconds from now), with their attempts unchanged."""
    fields = {"status": Delivery.Status.QUEUED, "lease_expires_at": None}
    if after is not None:
        fields["not_before"] = timezone.now() + timedelta(seconds=after)
    pks = [d.pk for d in deliveries]
    _write(
        lambda: Delivery.objects.filter(pk__in=pks, status=Delivery.Status.SENDING).update(**fields)
    )


def _mark_sent(delivery: Delivery, message_id: str) -> None:
    # Once per message, in its own commit: plain SQL, as the ORM's overhead shows at volume.
    # The commit does not wait for the disk (PostgreSQL's asynchronous commit, for this one
    # transaction): see "The one unavoidable window" above for what a crash can then cost.
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(
            f"UPDATE {Delivery._meta.db_table} SET status = %s, message_id = %s, attempts = %s,"
            " sent_at = %s, updated_at = %s, lease_expires_at = NULL, last_error = ''"
            " WHERE id = %s",
            [Delivery.Status.SENT, message_id, delivery.attempts + 1, now, now, delivery.pk],
        )


def _mark_failed(delivery: Delivery, attempts: int, error: Exception) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.FAILED,
        attempts=attempts,
        last_error=str(error)[:2000],
        lease_expires_at=None,
    )


def _requeue(delivery: Delivery, attempts: int, error: Exception, delay: float) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.QUEUED,
        attempts=attempts,
        last_error=str(error)[:2000],
        lease_expires_at=None,
        not_before=timezone.now() + timedelta(seconds=delay),
    )


def finish_if_done(*, update_id: int) -> bool:
    unfinished = Delivery.objects.filter(
        update_id=update_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    )
    if unfinished.exists():
        return False
    finished = Update.objects.filter(pk=update_id, status=Update.Status.SENDING).update(
        status=Update.Status.SENT, sent_at=timezone.now()
    )
    if finished:
        # A bulk update fires no save signal, yet the update now joins the public archive.
        content_changed()
    return bool(finished)


def resume_sending() -> int:
    """Enqueue batches for updates with rows left behind (expired leases, retries that are
    due, lost task messages). Run by beat every minute; harmless when nothing is left."""
    tasks = worker.tasks()

    now = timezone.now()
    enqueued = 0
    # Sending updates, and sent ones with deliveries queued again (`retry_failed`).
    unfinished = Delivery.objects.filter(
        update_id=OuterRef("pk"), status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    )
    updates = Update.objects.filter(Q(status=Update.Status.SENDING) | Q(Exists(unfinished)))
    for update_id in updates.values_list("pk", flat=True):
        if finish_if_done(update_id=update_id):
            continue
        claimable = Delivery.objects.filter(update_id=update_id).filter(
            Q(status=Delivery.Status.QUEUED) & (Q(not_before__isnull=True) | Q(not_before__lte=now))
            | Q(status=Delivery.Status.SENDING, lease_expires_at__lt=now)
        )
        batches = -(-claimable.count() // settings.SUBSCRIPTIONS_BATCH_SIZE)
        for _ in range(batches):
            tasks.send_batch.delay(update_id)
        enqueued += batches
    return enqueued


def send_due_updates(*, now=None) -> int:
    now = now or timezone.now()
    due = Update.objects.filter(status=Update.Status.SCHEDULED, scheduled_at__lte=now)
    count = 0
    for update in due:
        send_update(update=update)
        count += 1
    resume_sending()
    return count


def progress(*, update: Update) -> dict:
    """A send's counts: one per delivery status (every status of Delivery.Status, so a status
    added there is counted here and shown in the admin), what remains, and the recent rate."""
    counts = dict(
        update.deliveries.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    since = timezone.now() - timedelta(seconds=60)
    recent = update.deliveries.filter(status=Delivery.Status.SENT, sent_at__gte=since).count()
    by_status = {status: counts.get(status, 0) for status in Delivery.Status.values}
    return {
        "status": update.status,
        "total": sum(counts.values()),
        **by_status,
        **reported(update=update),
        "remaining": by_status[Delivery.Status.QUEUED] + by_status[Delivery.Status.SENDING],
        "rate_per_minute": recent,
    }


def reported(*, update: Update) -> dict:
    """What the email provider reported about a send's messages afterwards (its tracking
    webhooks, bounces.py), each counted once per delivery however many events it had:
    `bounced` (for good: a hard bounce or a refusal, the address suppressed), `soft_bounced`
    (a temporary failure, scored) and `complained` (marked as spam). Sent messages, so they
    overlap with `sent`."""
    soft = [TrackingEvent.Outcome.SCORED, TrackingEvent.Outcome.NOT_SCORED]
    hard = Q(events__event_type__in=["bounced", "rejected"]) & ~Q(events__outcome__in=soft)
    return update.deliveries.aggregate(
        bounced=Count("pk", filter=hard, distinct=True),
        soft_bounced=Count("pk", filter=Q(events__outcome__in=soft), distinct=True),
        complained=Count("pk", filter=Q(events__event_type="complained"), distinct=True),
    )


def retry_failed(*, update: Update, delivery_ids=None) -> int:
    """Queue the failed deliveries of `update` (all, or those of `delivery_ids`) again, with
    their attempts counted afresh; the workers send them like any other batch, and a subscriber
    who has left meanwhile is cancelled as always. The update stays as it is (a sent one stays
    in the archive with its date). Returns the number queued."""
    tasks = worker.tasks()

    failed = update.deliveries.filter(status=Delivery.Status.FAILED)
    if delivery_ids is not None:
        failed = failed.filter(pk__in=delivery_ids)
    queued = failed.update(
        status=Delivery.Status.QUEUED, attempts=0, not_before=None, lease_expires_at=None
    )
    batches = -(-queued // settings.SUBSCRIPTIONS_BATCH_SIZE)
    # As in send_update: with the broker down, beat's resume_sending enqueues them later.
    transaction.on_commit(
        lambda: [tasks.send_batch.delay(update.pk) for _ in range(batches)], robust=True
    )
    return queued


def send_test(*, update: Update, to: str, languages: list[str] | None = None) -> int:
    """Send staff a copy of `update` in each of `languages` (default: every language offered,
    so both versions can be checked). Returns the number of copies sent. The one send that
    does not ask the suppression list: it goes to the staff member's own address."""
    renderer = emails.UpdateRenderer(update)
    codes = [code for code, _name in settings.LANGUAGES]
    chosen = [code for code in codes if code in languages] if languages else codes
    for language in chosen:
        renderer.test_message(to, language=language).send()
    return len(chosen)
