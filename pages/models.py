from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.fields import SanitizedHTMLField
from publishing.models import Publishable, TimeStampedModel


class Page(Publishable):
    """A standalone page of the site shell (About, Contact introduction, ...)."""

    title = models.CharField(
        max_length=200,
        help_text=_(
            "The heading of the page, its browser tab title and its name in menus and search "
            "results."
        ),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_(
            "Its web address (/<slug>/): lower case, hyphens, no spaces. Changing it breaks old "
            "links."
        ),
    )
    summary = models.TextField(help_text=_("One or two plain sentences shown under the title."))
    image_description = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("What the page's lead photo shows, for screen readers."),
    )
    image = models.ForeignKey(
        "media.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The page's lead photo (describe it in the image description below)."),
    )

    class Meta:
        # The table it had when it lived in cleanindustry/ (moved without a copy).
        db_table = "cleanindustry_page"
        ordering = ["title"]
        # The one publishing right, for every content type (granted to Publishers by roles.py).
        permissions = [("publish_content", "Can publish, unpublish and schedule content")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"pages:{self.slug}")


class PageSection(models.Model):
    """A headed section of a Page; sections build the page's "On this page" navigation."""

    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        related_name="sections",
        help_text=_("The page this section appears on."),
    )
    heading = models.CharField(
        max_length=200,
        help_text=_("The section's heading on the page, also listed in the page's contents."),
    )
    anchor = models.SlugField(
        max_length=100, help_text=_("The #fragment that links to this section.")
    )
    body = SanitizedHTMLField(help_text=_("The section's text on the page."))
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Position on the page: lower numbers first.")
    )

    class Meta:
        # Its table from when it lived in cleanindustry/ (moved without a copy).
        db_table = "cleanindustry_pagesection"
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
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        # Its table from when it lived in cleanindustry/ (moved without a copy).
        db_table = "cleanindustry_contactmessage"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} ({self.email})"
