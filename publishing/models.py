"""Publishable content: the abstract models every content app's public models build on."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
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


# Every content page's slug says the same to staff (help text where each field appears).
SLUG_HELP_TEXT = _(
    "The last part of its web address: lower case, hyphens, no spaces. Changing it breaks old "
    "links."
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
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_(
            "Draft: only staff see it. Scheduled: it goes public at “publish at”. Published: on the"
            " site and in search."
        ),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("For a scheduled item: when it goes public."),
    )
    # The first publication: kept when the item is unpublished and published again, so it is
    # the "Published" date of its page (`publishing.services.publish`).
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "Set when it first went public; shown on its page as the date it was published."
        ),
    )
    # Its major changes, told to the public (publishing.changes); a minor change leaves none.
    change_notes = GenericRelation("publishing.ChangeNote")

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


class ChangeNoteQuerySet(models.QuerySet):
    def about(self, queryset):
        """The notes of the rows of `queryset` (e.g. the published actions), in one query."""
        content_type = ContentType.objects.get_for_model(queryset.model)
        return self.filter(content_type=content_type, object_id__in=queryset.values("pk"))


class ChangeNote(models.Model):
    """A major change to a published item, dated and told in a sentence: its page lists them
    under "See all updates" and its "Last updated" date is the latest one's (GOV.UK's change
    notes). A minor change (a typo, a broken link) leaves no note, so it shows nowhere.
    Recorded by `publishing.changes.record_major_change` only."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    text = models.CharField(
        _("change note"),
        max_length=300,
        help_text=_("What changed, in a sentence readers understand."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ChangeNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-changed_at"]),
            models.Index(fields=["-changed_at"], name="changenote_latest"),
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        """The note in its item's list of updates (templates/publishing/_page_history.html)."""
        return f"{self.content_object.get_absolute_url()}#change-{self.pk}"


class EditingLanguages(models.Model):
    """The languages a staff member writes content in: with eleven languages, the admin's
    language tabs show English and these only (the others keep their text untouched)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editing_languages"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)

    class Meta:
        verbose_name = _("editing languages")
        verbose_name_plural = _("editing languages")

    def __str__(self):
        return f"{self.user}: {', '.join(self.languages) or '-'}"


# Before a staff member chooses: the language the portal had content in before the others.
DEFAULT_EDITING_LANGUAGES = ("es",)


def editing_languages(user) -> list[str]:
    """The content languages `user` sees in the admin: English first, then their choice."""
    try:
        chosen = user.editing_languages.languages
    except (EditingLanguages.DoesNotExist, AttributeError):
        chosen = DEFAULT_EDITING_LANGUAGES
    english = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [english] + [
        code for code in settings.MODELTRANSLATION_LANGUAGES if code in chosen and code != english
    ]
