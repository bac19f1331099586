import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from publishing.fields import SanitizedHTMLField
from publishing.models import TimeStampedModel
from publishing.sanitize import html_to_text

from .validators import is_https_url, is_site_path, validate_link


def new_token() -> str:
    return secrets.token_urlsafe(32)


def normalise_email(email: str) -> str:
    """How every address is stored and compared: without surrounding space, lower-cased."""
    return email.strip().lower()


def supported_language(code: str | None) -> str:
    """`code` if it is one of settings.LANGUAGES, else the default language."""
    codes = {language for language, _name in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


class Topic(models.Model):
    """Something a visitor can follow: a section of the site or a single roadmap action."""

    class Kind(models.TextChoices):
        SECTION = "section", _("Section")
        ACTION = "action", _("Roadmap action")

    key = models.CharField(
        max_length=150, unique=True, help_text=_('Stable key, e.g. "action:<slug>".')
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=150, unique=True)
    url = models.CharField(max_length=500, blank=True, help_text=_("The page this topic is about."))
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SECTION)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("subscriptions:topic-feed", kwargs={"slug": self.slug})


class Subscriber(TimeStampedModel):
    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("As soon as an update is sent")
        WEEKLY = "weekly", _("A weekly digest")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    # Stored lower-cased (normalise_email); the constraint below enforces it.
    email = models.EmailField(max_length=254, db_index=True)
    # One of settings.LANGUAGES, checked by the forms and the import; no choices here, so adding
    # a language to the settings needs no migration.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="subscribers")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # The consent record: when, from which page, and the exact words agreed to.
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_source = models.CharField(max_length=500, blank=True)
    consent_text = models.TextField(blank=True)
    # Soft bounces, scored at most once a day (services/bounces.py): past
    # SUBSCRIPTIONS_SOFT_BOUNCE_LIMIT the address is suppressed.
    bounce_score = models.PositiveSmallIntegerField(default=0)
    last_bounce_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unique_subscriber_email_ci"),
        ]

    def __str__(self):
        return self.email

    def get_absolute_url(self):
        return reverse("subscriptions:manage", kwargs={"token": self.token})

    @property
    def email_language(self) -> str:
        """The language their emails are written in: theirs, if the site still offers it."""
        return supported_language(self.language)

    # The links in their emails lead to the pages in their language (/es/updates/... for es).
    @property
    def manage_url(self) -> str:
        with translation.override(self.email_language):
            return settings.SITE_URL + self.get_absolute_url()

    @property
    def unsubscribe_url(self) -> str:
        with translation.override(self.email_language):
            return settings.SITE_URL + reverse(
                "subscriptions:unsubscribe", kwargs={"token": self.token}
            )


def _looks_empty(html: str) -> bool:
    return not html_to_text(html).strip() and "<img" not in html


class UpdateQuerySet(models.QuerySet):
    def archived(self):
        return self.filter(status=Update.Status.SENT, kind=Update.Kind.BULLETIN)


class Update(TimeStampedModel):
    """An email update (bulletin) written by staff, or a weekly digest gathering bulletins."""

    class Kind(models.TextChoices):
        BULLETIN = "bulletin", _("Update")
        DIGEST = "digest", _("Weekly digest")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BULLETIN)
    subject = models.CharField(
        max_length=200,
        help_text=_(
            "The email's subject line, its heading, and the title of its page in the updates "
            "archive."
        ),
    )
    body_html = SanitizedHTMLField(
        _("body"),
        blank=True,
        help_text=_(
            "The email's text, also shown on its page in the updates archive. Headings, lists and "
            "links are kept; anything else is removed."
        ),
    )
    body_text = models.TextField(
        _("plain-text body"), blank=True, help_text=_("Left empty, it is made from the body.")
    )
    topics = models.ManyToManyField(
        Topic,
        related_name="updates",
        help_text=_("Subscribers to any of these topics get the update."),
    )
    url = models.CharField(
        _("linked content"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_(
            "The page this update is about: a page of this site (/roadmap/) or an https:// address."
        ),
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("Draft until it is scheduled or sent; a sent update cannot be changed."),
    )
    scheduled_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When a scheduled update is sent.")
    )
    sending_started_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When sending began.")
    )
    sent_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When sending finished; shown as its date in the updates archive."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Digests only: the Monday of the week they gather, and the bulletins in it.
    digest_week = models.DateField(null=True, blank=True, unique=True)
    digest_items = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="digests"
    )

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-created_at"]
        permissions = [("send_update", "Can send email updates to subscribers")]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        self.settle_languages()
        super().save(*args, **kwargs)

    def settle_languages(self):
        """Per language (subject_en, body_html_es, ...; see translation.py): a plain-text body
        left empty is made from that language's HTML body, never from another language's.
        Done on save, and on the admin's live preview so it shows what will be sent."""
        for language in AVAILABLE_LANGUAGES:
            html_field = build_localized_fieldname("body_html", language)
            text_field = build_localized_fieldname("body_text", language)
            html = getattr(self, html_field) or ""
            if language != DEFAULT_LANGUAGE and _looks_empty(html):
                # An editor's leftover "<p><br></p>" is no translation: keep the English.
                html = ""
                setattr(self, html_field, html)
            if not (getattr(self, text_field) or "").strip():
                setattr(self, text_field, html_to_text(html))

    def get_absolute_url(self):
        return reverse("subscriptions:update", kwargs={"pk": self.pk})

    @property
    def link(self) -> str:
        """The linked page, absolute, in the active language (/es/roadmap/... in Spanish).
        Empty for an address that `validate_link` refuses (saved without it: shell, old rows)."""
        if is_site_path(self.url):
            language = translation.get_language() or settings.LANGUAGE_CODE
            # Stored paths are the default language's: resolve them in it, then translate.
            with translation.override(settings.LANGUAGE_CODE):
                path = translate_url(self.url, language)
            return settings.SITE_URL + path
        return self.url if is_https_url(self.url) else ""


class Delivery(models.Model):
    """One update to one subscriber: the unit of exactly-once sending (see services/sending.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled (unsubscribed before sending)")
        SUPPRESSED = "suppressed", _("Not sent (address suppressed before sending)")

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="deliveries")
    # Empty once the row no longer says whom it went to: its subscriber erased, or the row older
    # than SUBSCRIPTIONS_DELIVERY_ADDRESS_DAYS (services/retention.py). The row stays, so a
    # send's counts stay true.
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    not_before = models.DateTimeField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["update", "subscriber"], name="one_delivery_each"),
        ]
        indexes = [models.Index(fields=["update", "status", "id"], name="delivery_claim")]

    def __str__(self):
        return f"{self.update} → {self.subscriber or gettext('(address not kept)')}"


class OwedEmail(models.Model):
    """An email a commit promised one subscriber that the task queue has not taken yet: the
    outbox of subscriptions/outbox.py, which outlives a broker outage."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="owed_emails")
    task = models.CharField(max_length=200)  # the name of a task in subscriptions/tasks.py
    arguments = models.JSONField(default=list, blank=True)  # after the subscriber's id
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.task} → {self.subscriber}"


class TrackingEvent(models.Model):
    """An email provider's report about one message to one recipient (a bounce, a deferral, a
    complaint, an unsubscribe), through django-anymail's tracking webhooks, kept once it has
    been acted on (services/bounces.py): `key` makes a provider's retry of the same event
    change nothing."""

    class Outcome(models.TextChoices):
        SUPPRESSED = "suppressed", _("Address suppressed")
        ENDED = "ended", _("Subscriptions ended and address suppressed")
        SCORED = "scored", _("Soft bounce scored")
        NOT_SCORED = "not_scored", _("Soft bounce not scored (one a day)")
        ALREADY_SUPPRESSED = "already_suppressed", _("Address already suppressed")

    # A digest of the provider's event id (or, without one, of its message, type and time) and
    # the recipient: one provider event can name several recipients.
    key = models.CharField(max_length=64, unique=True)
    provider = models.CharField(max_length=50)
    event_type = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    recipient = models.EmailField(max_length=254, db_index=True)
    occurred_at = models.DateTimeField()
    # What the provider said (the receiving server's answer, its own description), shortened.
    detail = models.TextField(blank=True)
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.provider} {self.event_type}: {self.recipient}"


class SuppressionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)


class Suppression(models.Model):
    """An address we send nothing to (services/suppression.py decides, for every sending path),
    with why, since when and from what; staff lift one with a note. A lifted row stays, as the
    address's history; at most one row per address is active."""

    class Reason(models.TextChoices):
        HARD_BOUNCE = "hard_bounce", _("Hard bounce")
        REJECTED = "rejected", _("Refused by the email provider (invalid or blocked address)")
        SOFT_BOUNCES = "soft_bounces", _("Repeated soft bounces")
        COMPLAINT = "complaint", _("Spam complaint")
        PROVIDER_UNSUBSCRIBE = "provider_unsubscribe", _("Unsubscribed through the email provider")
        MANUAL = "manual", _("Added by staff")
        ERASED = "erased", _("Erased address")

    # Lower-cased (normalise_email). Empty once the address is erased: then only
    # `email_hash`, a salted hash of it (services/retention.py), is kept, so that a re-import
    # cannot bring it back.
    email = models.EmailField(max_length=254, blank=True, db_index=True)
    email_hash = models.CharField(max_length=128, blank=True, db_index=True)
    reason = models.CharField(max_length=30, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Where it came from: "Postmark webhook", "SMTP answer", "staff", ...
    source = models.CharField(max_length=100, blank=True)
    event = models.ForeignKey(
        TrackingEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    detail = models.TextField(blank=True)  # the provider's or the server's words, shortened
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lift_note = models.TextField(blank=True)

    objects = SuppressionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "email",
                condition=models.Q(lifted_at__isnull=True) & ~models.Q(email=""),
                name="one_active_suppression_per_address",
            ),
            models.UniqueConstraint(
                "email_hash",
                condition=models.Q(lifted_at__isnull=True) & ~models.Q(email_hash=""),
                name="one_active_suppression_per_erased_address",
            ),
        ]

    def __str__(self):
        return self.email or gettext("(erased address)")

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class Removal(models.Model):
    """One subscriber leaving the list, and why: what the report of removals by month counts
    (reports.removals_by_month). No address, nor any link to one: it outlives the erasure of
    the address it was about. An address counts once per way it left (unsubscribed in March,
    erased in April: one of each)."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained (marked as spam)")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        UNCONFIRMED = "unconfirmed", _("Never confirmed (purged)")
        ERASED = "erased", _("Erased")
        SUPPRESSED_BY_STAFF = "suppressed_by_staff", _("Suppressed by staff")

    reason = models.CharField(max_length=30, choices=Reason.choices)
    removed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-removed_at"]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.removed_at:%Y-%m-%d})"
