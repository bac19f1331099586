"""Publishable content: the abstract models every content app's public models build on."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PublishedQuerySet(models.QuerySet):
    def published(self):
        """The one definition of "public": every public page filters through it."""
        return self.filter(status=Publishable.Status.PUBLISHED)

    def due(self, now=None):
        """Scheduled rows whose time has come."""
        return self.filter(
            status=Publishable.Status.SCHEDULED, publish_at__lte=now or timezone.now()
        )


class Publishable(TimeStampedModel):
    """A piece of public content: only published rows are shown to the public.

    Staff with `pages.publish_content` change the status, through the admin or
    `publishing.services`; a scheduled row goes public at `publish_at` (beat task).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("For a scheduled item: when it goes public."),
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.status == self.Status.SCHEDULED and self.publish_at is None:
            raise ValidationError({"publish_at": _("A scheduled item needs a time to go public.")})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED
