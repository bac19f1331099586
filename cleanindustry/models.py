from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.fields import SanitizedHTMLField
from publishing.models import Publishable, TimeStampedModel


class Page(Publishable):
    """A standalone page of the site shell (About, Contact introduction, ...)."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(help_text=_("One or two plain sentences shown under the title."))
    image_description = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("What the page's lead photo shows, for screen readers."),
    )
    image = models.ForeignKey(
        "media.Image", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["title"]
        # The one publishing right, for every content type (granted to Publishers by roles.py).
        permissions = [("publish_content", "Can publish, unpublish and schedule content")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"cleanindustry:{self.slug}")


class PageSection(models.Model):
    """A headed section of a Page; sections build the page's "On this page" navigation."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(max_length=200)
    anchor = models.SlugField(
        max_length=100, help_text=_("The #fragment that links to this section.")
    )
    body = SanitizedHTMLField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["page", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "anchor"], name="unique_section_anchor"),
        ]

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return f"{self.page.get_absolute_url()}#{self.anchor}"


class ContactMessage(TimeStampedModel):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ANSWERED = "answered", _("Answered")

    name = models.CharField(max_length=200)
    email = models.EmailField()
    subject = models.CharField(max_length=200)
    message = models.TextField()
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} ({self.email})"


class SearchDocument(models.Model):
    """One row per public searchable object and content language: site search's index.

    Written by `cleanindustry.search_index` (signals, bulk loads, `rebuild_search_index`), read
    by `cleanindustry.search` in one query. Texts are as the page in `language` shows them
    (English where a field has no translation), so a search never recomputes them.
    """

    # The registry entry (`search.register`), by model label: results are grouped by it.
    entry = models.CharField(max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=15)
    title = models.TextField()
    # Plain text; the snippet is the summary, or the body when there is no summary.
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # "en" where the page in `language` shows that text in English (not translated yet).
    title_lang = models.CharField(max_length=15, blank=True)
    snippet_lang = models.CharField(max_length=15, blank=True)
    # PostgreSQL only (NULL elsewhere): title A, summary B, body C, in the language's config.
    vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="unique_search_document"
            ),
        ]
        indexes = [
            models.Index(fields=["language", "entry"], name="search_document_language"),
            # Created on PostgreSQL only (see the migration): other databases have no GIN.
            GinIndex(fields=["vector"], name="search_document_vector"),
        ]

    def __str__(self):
        return f"{self.entry} {self.object_id} ({self.language})"
