import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from cleanindustry.fields import SanitizedHTMLField
from cleanindustry.models import TimeStampedModel
from cleanindustry.sanitize import html_to_text


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Topic(models.Model):
    """Something a visitor can follow: a section of the site or a single roadmap action."""

    class Kind(models.TextChoices):
        SECTION = "section", "Section"
        ACTION = "action", "Roadmap action"

    key = models.CharField(
        max_length=150, unique=True, help_text='Stable key, e.g. "action:<slug>".'
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=150, unique=True)
    url = models.CharField(max_length=500, blank=True, help_text="The page this topic is about.")
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
        IMMEDIATELY = "immediately", "As soon as an update is sent"
        WEEKLY = "weekly", "A weekly digest"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    # Stored lower-cased (see services.normalise_email); the constraint below enforces it.
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
    def manage_url(self) -> str:
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def unsubscribe_url(self) -> str:
        return settings.SITE_URL + reverse(
            "subscriptions:unsubscribe", kwargs={"token": self.token}
        )


class UpdateQuerySet(models.QuerySet):
    def archived(self):
        return self.filter(status=Update.Status.SENT, kind=Update.Kind.BULLETIN)


class Update(TimeStampedModel):
    """An email update (bulletin) written by staff, or a weekly digest gathering bulletins."""

    class Kind(models.TextChoices):
        BULLETIN = "bulletin", "Update"
        DIGEST = "digest", "Weekly digest"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.BULLETIN)
    subject = models.CharField(max_length=200)
    body_html = SanitizedHTMLField("body", blank=True)
    body_text = models.TextField(
        "plain-text body", blank=True, help_text="Left empty, it is made from the body."
    )
    topics = models.ManyToManyField(Topic, related_name="updates")
    url = models.CharField(
        "linked content", max_length=500, blank=True, help_text="The page this update is about."
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    scheduled_at = models.DateTimeField(null=True, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
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
        if not self.body_text.strip():
            self.body_text = html_to_text(self.body_html)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("subscriptions:update", kwargs={"pk": self.pk})

    @property
    def link(self) -> str:
        if self.url.startswith("/"):
            return settings.SITE_URL + self.url
        return self.url


class Delivery(models.Model):
    """One update to one subscriber: the unit of exactly-once sending (see services.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled (unsubscribed before sending)"

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
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
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["update", "subscriber"], name="one_delivery_each"),
        ]
        indexes = [models.Index(fields=["update", "status", "id"], name="delivery_claim")]

    def __str__(self):
        return f"{self.update} → {self.subscriber}"
