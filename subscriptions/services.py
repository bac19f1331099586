"""Everything that writes subscriptions data. Content apps call only the public functions
`ensure_topic` and `draft_update_for` (and the `{% follow_form %}` template tag).

Exactly-once fan-out
--------------------
`send_update` inserts one Delivery row per (update, confirmed subscriber) in bulk; the unique
constraint makes a rerun insert nothing. Workers then call `send_next_batch`, which claims up
to SUBSCRIPTIONS_BATCH_SIZE rows with `SELECT … FOR UPDATE SKIP LOCKED` and sets them to
"sending" with a lease. It opens ONE connection for the batch, sends the messages one at a
time, and marks each row "sent" (with its Message-ID) in its own commit right after the SMTP
server accepted it. A row whose lease expired (its worker died) can be claimed again.

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
"""

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import get_connection
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Now
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy, pgettext
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from cleanindustry.cache import bump_content_version

from . import emails, outbox
from .models import Delivery, Subscriber, Topic, Update, new_token, supported_language

logger = logging.getLogger(__name__)

CONFIRM_SALT = "subscriptions.confirm"
# Shown next to every sign-up form, in the page's language; the words the visitor saw are kept
# (in that language) as their consent record.
CONSENT_TEXT = gettext_lazy(
    "Yes, email me updates from Portland's Clean Industry Initiative on the topics I chose. "
    "I can change my choices or unsubscribe at any time with the link in every email."
)


# --- Public functions for content apps ------------------------------------------------------


def _localized(field: str, value: str, translations: dict[str, str] | None) -> dict:
    """`{field_en: value, field_es: translations["es"], ...}`: the value given is the default
    language's, whatever language is active; languages not given are left empty (so they show
    the default language's text)."""
    values = {build_localized_fieldname(field, DEFAULT_LANGUAGE): value}
    for language, text in (translations or {}).items():
        if language in AVAILABLE_LANGUAGES and language != DEFAULT_LANGUAGE:
            values[build_localized_fieldname(field, language)] = text
    return values


def ensure_topic(
    *,
    key: str,
    title: str,
    url: str = "",
    kind: str = Topic.Kind.ACTION,
    title_translations: dict[str, str] | None = None,
) -> Topic:
    """The Topic for `key`, created if missing; its title and url follow the content's.

    `title` is the English title; `title_translations` ({"es": "..."}) the others, if any."""
    titles = _localized("title", title, title_translations)
    topic = Topic.objects.filter(key=key).first()
    if topic is None:
        slug = base = slugify(key.replace(":", "-"))[:140] or "topic"
        n = 1
        while Topic.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        try:
            with transaction.atomic():
                topic = Topic(key=key, url=url, kind=kind, slug=slug)
                for field, value in titles.items():
                    setattr(topic, field, value)
                topic.save()
                return topic
        except IntegrityError:  # created concurrently
            topic = Topic.objects.get(key=key)
    changed = [f for f, value in titles.items() if getattr(topic, f) != value]
    if topic.url != url:
        changed.append("url")
    if changed:
        for field, value in titles.items():
            setattr(topic, field, value)
        topic.url = url
        topic.save(update_fields=changed)
    return topic


def draft_update_for(
    *,
    topic_keys: list[str],
    subject: str,
    body_html: str,
    url: str,
    translations: dict[str, dict[str, str]] | None = None,
) -> Update:
    """A draft update for the followers of `topic_keys`, for staff to review and send.

    `subject` and `body_html` are the English text; `translations` gives other languages'
    ({"es": {"subject": ..., "body_html": ...}}). Staff can add or edit them before sending."""
    update = Update(url=url)
    translations = translations or {}
    for field, value in [("subject", subject), ("body_html", body_html)]:
        others = {language: texts.get(field, "") for language, texts in translations.items()}
        for name, text in _localized(field, value, others).items():
            setattr(update, name, text)
    update.save()
    update.topics.set(Topic.objects.filter(key__in=topic_keys))
    return update


def draft_update_in_every_language(*, topic_keys: list[str], texts, url) -> Update:
    """`draft_update_for`, written in every language of the site: `texts()` gives the
    {"subject", "body_html"} of the update in the active language, and is called once per
    language; `url()` gives the English address of what the update is about."""
    with translation.override(DEFAULT_LANGUAGE):
        english, address = texts(), url()
    translations = {}
    for code, _ in settings.LANGUAGES:
        if code != DEFAULT_LANGUAGE:
            with translation.override(code):
                translations[code] = texts()
    return draft_update_for(
        topic_keys=topic_keys,
        subject=english["subject"],
        body_html=english["body_html"],
        url=address,
        translations=translations,
    )


# --- Sign-up, confirmation, preferences ------------------------------------------------------


def normalise_email(email: str) -> str:
    return email.strip().lower()


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
) -> None:
    """Record a sign-up and email the address. The caller's answer never depends on it.

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
    form. How often one mailbox can be emailed is the view's limit (views.subscribe)."""
    from . import tasks

    email = normalise_email(email)
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
            return
        if subscriber is None or subscriber.status == Subscriber.Status.PENDING:
            subscriber = subscriber or Subscriber(email=email)
            _apply(subscriber, sign_up)
            try:
                with transaction.atomic():
                    subscriber.save()
            except IntegrityError:  # the same address signed up concurrently: that one wins
                return
            subscriber.topics.set(sign_up["topics"])
        outbox.email_after_commit(tasks.send_confirmation, subscriber, sign_up)


def _apply(subscriber: Subscriber, sign_up: dict) -> None:
    """Set the choices and the consent record of `sign_up` on `subscriber` (not its topics)."""
    subscriber.frequency = sign_up["frequency"]
    subscriber.language = supported_language(sign_up["language"])
    subscriber.consent_at = datetime.fromisoformat(sign_up["at"])
    subscriber.consent_source = sign_up["source"]
    with translation.override(sign_up["consent_language"]):
        subscriber.consent_text = str(CONSENT_TEXT)


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


def confirm(*, subscriber: Subscriber, sign_up: dict) -> bool:
    """Confirm a pending or unsubscribed subscriber with the choices and consent of `sign_up`
    (from their confirmation link); True the first time (a welcome email follows)."""
    from . import tasks

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
    return bool(
        Subscriber.objects.filter(token=token).update(
            status=Subscriber.Status.UNSUBSCRIBED,
            unsubscribed_at=Coalesce("unsubscribed_at", Now()),
            token=new_token(),
        )
    )


def send_new_link(*, subscriber: Subscriber) -> None:
    """Replace the subscriber's token and email them their new manage link: the links in
    every earlier email (their manage and unsubscribe links) stop working."""
    from . import tasks

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
    """Erase the subscriber and their delivery history (the right to erasure)."""
    subscriber.delete()


def purge_unconfirmed(*, now=None) -> int:
    cutoff = (now or timezone.now()) - timedelta(
        days=settings.SUBSCRIPTIONS_PURGE_PENDING_AFTER_DAYS
    )
    _, deleted = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, updated_at__lt=cutoff
    ).delete()
    return deleted.get(Subscriber._meta.label, 0)


# --- Sending updates ----------------------------------------------------------------------------


def recipients(update: Update):
    """Confirmed subscribers who should receive `update` (bulletins go to "immediately"
    subscribers of its topics; a digest to "weekly" subscribers of its items' topics)."""
    if update.kind == Update.Kind.DIGEST:
        topic_ids = Topic.objects.filter(updates__in=update.digest_items.all()).values("pk")
        frequency = Subscriber.Frequency.WEEKLY
    else:
        topic_ids = update.topics.values("pk")
        frequency = Subscriber.Frequency.IMMEDIATELY
    follows = Subscriber.topics.through.objects.filter(
        subscriber_id=OuterRef("pk"), topic_id__in=topic_ids
    )
    return Subscriber.objects.filter(
        Exists(follows), status=Subscriber.Status.CONFIRMED, frequency=frequency
    )


def schedule(*, update: Update, when) -> bool:
    return bool(
        Update.objects.filter(
            pk=update.pk, status__in=[Update.Status.DRAFT, Update.Status.SCHEDULED]
        ).update(status=Update.Status.SCHEDULED, scheduled_at=when)
    )


def send_update(*, update: Update, chunk: int = 5000) -> int:
    """Start (or resume) sending `update`; safe to call again: it never sends anything twice.

    Returns the number of batch tasks enqueued."""
    from . import tasks

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
    transient failure are due again (so the caller can come back), or None."""
    ids = claim_batch(update_id=update_id)
    if not ids:
        finish_if_done(update_id=update_id)
        return None
    update = Update.objects.get(pk=update_id)
    deliveries = Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING)
    deliveries = deliveries.select_related("subscriber").order_by("pk")
    if update.kind == Update.Kind.DIGEST:
        deliveries = deliveries.prefetch_related("subscriber__topics")
    deliveries = list(deliveries)
    renderer = emails.UpdateRenderer(update)
    retry_in = None
    with get_connection() as conn:  # one connection for the whole batch
        for index, delivery in enumerate(deliveries):
            subscriber = delivery.subscriber
            if subscriber.status != Subscriber.Status.CONFIRMED:
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.CANCELLED, lease_expires_at=None
                )
                continue
            message_id = emails.message_id(delivery)
            message = renderer.message(subscriber, message_id=message_id)
            message.connection = conn
            try:
                message.send()
            except Exception as error:
                code = smtp_code(error)
                attempts = delivery.attempts + 1
                permanent = code is not None and 500 <= code < 600
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
                    delay = settings.SUBSCRIPTIONS_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
                    _write(lambda d=delivery, a=attempts, e=error, s=delay: _requeue(d, a, e, s))
                    retry_in = min(retry_in or delay, delay)
                if code is None or isinstance(error, smtplib.SMTPServerDisconnected):
                    # The connection itself is suspect: give the rest of the batch back.
                    rest = [d.pk for d in deliveries[index + 1 :]]
                    Delivery.objects.filter(pk__in=rest, status=Delivery.Status.SENDING).update(
                        status=Delivery.Status.QUEUED, lease_expires_at=None
                    )
                    delay = settings.SUBSCRIPTIONS_RETRY_BASE_SECONDS
                    retry_in = min(retry_in or delay, delay)
                    break
                continue
            provider_id = getattr(getattr(message, "anymail_status", None), "message_id", None)
            _write(lambda d=delivery, m=provider_id or message_id: _mark_sent(d, m))
    finish_if_done(update_id=update_id)
    return retry_in


def _mark_sent(delivery: Delivery, message_id: str) -> None:
    # Once per message, in its own commit: plain SQL, as the ORM's overhead shows at volume.
    now = timezone.now()
    with connection.cursor() as cursor:
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
        bump_content_version(tables=[Update._meta.db_table])
    return bool(finished)


def resume_sending() -> int:
    """Enqueue batches for updates with rows left behind (expired leases, retries that are
    due, lost task messages). Run by beat every minute; harmless when nothing is left."""
    from . import tasks

    now = timezone.now()
    enqueued = 0
    for update_id in Update.objects.filter(status=Update.Status.SENDING).values_list(
        "pk", flat=True
    ):
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
    counts = dict(
        update.deliveries.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    total = sum(counts.values())
    since = timezone.now() - timedelta(seconds=60)
    recent = update.deliveries.filter(status=Delivery.Status.SENT, sent_at__gte=since).count()
    return {
        "status": update.status,
        "total": total,
        "queued": counts.get(Delivery.Status.QUEUED, 0),
        "sending": counts.get(Delivery.Status.SENDING, 0),
        "sent": counts.get(Delivery.Status.SENT, 0),
        "failed": counts.get(Delivery.Status.FAILED, 0),
        "cancelled": counts.get(Delivery.Status.CANCELLED, 0),
        "remaining": counts.get(Delivery.Status.QUEUED, 0) + counts.get(Delivery.Status.SENDING, 0),
        "rate_per_minute": recent,
    }


def send_test(*, update: Update, to: str, languages: list[str] | None = None) -> int:
    """Send staff a copy of `update` in each of `languages` (default: every language offered,
    so both versions can be checked). Returns the number of copies sent."""
    renderer = emails.UpdateRenderer(update)
    codes = [code for code, _name in settings.LANGUAGES]
    chosen = [code for code in codes if code in languages] if languages else codes
    for language in chosen:
        renderer.test_message(to, language=language).send()
    return len(chosen)


# --- Weekly digest ------------------------------------------------------------------------------


def digest_subject(week, language: str) -> str:
    """The subject of the digest of `week` (its Monday), in `language`."""
    with translation.override(language):
        # Translators: a date format (Django's "date" filter letters) for the digest's subject:
        # "F j, Y" is "November 16, 2026"; escape letters meant literally ("j \d\e F").
        when = formats.date_format(week, pgettext("digest subject date format", "F j, Y"))
        return gettext("This week's Clean Industry updates (%(week)s)") % {"week": when}


def build_weekly_digest(*, now=None) -> Update | None:
    """The digest of last week's bulletins (Monday to Sunday), created once per week."""
    now = timezone.localtime(now or timezone.now())
    this_monday = (now - timedelta(days=now.weekday())).date()
    week = this_monday - timedelta(days=7)
    existing = Update.objects.filter(digest_week=week).first()
    if existing is not None:
        return existing
    start = timezone.make_aware(timezone.datetime.combine(week, timezone.datetime.min.time()))
    items = Update.objects.archived().filter(
        sent_at__gte=start, sent_at__lt=start + timedelta(days=7)
    )
    if not items.exists():
        return None
    try:
        with transaction.atomic():
            digest = Update(kind=Update.Kind.DIGEST, digest_week=week)
            for language in AVAILABLE_LANGUAGES:  # a subject in every language
                field = build_localized_fieldname("subject", language)
                setattr(digest, field, digest_subject(week, language))
            digest.save()
            digest.digest_items.set(items)
            digest.topics.set(Topic.objects.filter(updates__in=items).distinct())
    except IntegrityError:
        return Update.objects.get(digest_week=week)
    return digest


def send_weekly_digest(*, now=None) -> Update | None:
    digest = build_weekly_digest(now=now)
    if digest is not None:
        send_update(update=digest)
    return digest
