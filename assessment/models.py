from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.charts import format_number
from publishing.documents import AccessibleDocument
from publishing.fields import SanitizedHTMLField
from publishing.models import SLUG_HELP_TEXT, Publishable, TimeStampedModel
from publishing.review import Reviewable


class Source(TimeStampedModel):
    """Where a finding or indicator comes from: a page, report or dataset."""

    title = models.CharField(
        max_length=300,
        help_text=_("The source's title as cited under the indicators and findings that use it."),
    )
    publisher = models.CharField(
        max_length=200, help_text=_("Who published it, shown in the citation.")
    )
    url = models.URLField(
        blank=True, help_text=_("Where readers find it, linked from the citation.")
    )
    published_on = models.DateField(
        null=True, blank=True, help_text=_("Its publication date, shown in the citation.")
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "Anything readers need to know about it (a table, a page), shown after the citation."
        ),
    )

    class Meta:
        ordering = ["publisher", "title"]
        constraints = [
            models.UniqueConstraint(fields=["title", "publisher"], name="unique_source"),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"


class Sector(Publishable):
    name = models.CharField(
        max_length=200,
        help_text=_(
            "The heading of the sector's page and its name in the assessment's lists and filters."
        ),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=SLUG_HELP_TEXT,
    )
    description = models.TextField(
        blank=True, help_text=_("Plain text shown under the sector's name on its page.")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assessment:index") + f"?sector={self.slug}"


class Finding(Publishable, Reviewable):
    class Kind(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape")
        OPPORTUNITY = "opportunity", _("Opportunity")
        BARRIER = "barrier", _("Barrier")
        BENEFIT = "benefit", _("Benefit")
        HUB_MODEL = "hub_model", _("Hub model")
        POLICY_TOOL = "policy_tool", _("Policy tool")
        FINANCE_TOOL = "finance_tool", _("Finance tool")

    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        db_index=True,
        help_text=_(
            "What sort of finding it is; findings are grouped by it on the assessment's pages."
        ),
    )
    title = models.CharField(
        max_length=200,
        help_text=_(
            "The heading of the finding's page and its name in lists and on linked roadmap actions."
        ),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=SLUG_HELP_TEXT,
    )
    summary = models.TextField(
        help_text=_(
            "One or two plain sentences shown under the title, in lists and in search results."
        )
    )
    body = SanitizedHTMLField(blank=True, help_text=_("The main text of the finding's page."))
    sector = models.ForeignKey(
        Sector,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        help_text=_("The sector it is about; the finding is listed on that sector's page."),
    )
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="findings",
        help_text=_("Sources cited under the finding on its page."),
    )
    image = models.ForeignKey(
        "media.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The lead photo of the finding's page (its alt text is set on the image)."),
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Position in lists of findings: lower numbers first.")
    )

    class Meta:
        ordering = ["kind", "order", "title"]
        indexes = [models.Index(fields=["status", "kind", "order"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:finding", kwargs={"slug": self.slug})


class Indicator(Publishable):
    """A measured fact with its value, unit, year and source (e.g. 22 % of Portland's jobs)."""

    finding = models.ForeignKey(
        Finding,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        help_text=_("The finding it supports; the indicator is shown on that finding's page."),
    )
    name = models.CharField(
        max_length=200,
        help_text=_(
            "What is measured, shown beside the figure on the finding's page and in the data "
            "downloads."
        ),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_(
            "Its identifier in web addresses and the /data/ downloads: lower case, hyphens, no "
            "spaces."
        ),
    )
    value = models.DecimalField(
        max_digits=14, decimal_places=2, help_text=_("The figure itself, shown with its unit.")
    )
    unit = models.CharField(max_length=50, help_text=_('For example "%", "jobs", "tonnes CO2e".'))
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("The year the figure is for, shown beside it.")
    )
    approximate = models.BooleanField(default=False, help_text=_('Shown as "about".'))
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text=_("Where the figure comes from, cited beside it."),
    )
    note = models.CharField(
        max_length=300, blank=True, help_text=_("A short qualification shown under the figure.")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def display_value(self) -> str:
        """The value with its unit, without trailing zeros, its number written the way the
        page's language writes numbers: "22%", "1,500 jobs"."""
        number = self.display_number
        return f"{number}{self.unit}" if self.unit == "%" else f"{number} {self.unit}".strip()

    @property
    def display_number(self) -> str:
        return format_number(self.value)

    @property
    def display_text(self) -> str:
        """How the figure reads in a sentence or a table: "about 22%" when approximate."""
        if self.approximate:
            return gettext("about %(value)s") % {"value": self.display_value}
        return self.display_value

    def get_absolute_url(self):
        if self.finding_id:
            return self.finding.get_absolute_url() + f"#{self.slug}"
        return reverse("assessment:index") + f"#{self.slug}"


class Report(AccessibleDocument):
    """A report of the assessment: its PDF, its web version or where it is published."""

    upload_folder = "reports"

    title = models.CharField(
        max_length=300,
        help_text=_("The heading of the report's page and its name in the list of reports."),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=SLUG_HELP_TEXT,
    )
    summary = models.TextField(
        help_text=_(
            "One or two plain sentences shown under the title, in the list of reports and in search"
            " results."
        )
    )
    published_on = models.DateField(
        null=True, blank=True, help_text=_("The report's own publication date, shown on its page.")
    )
    findings = models.ManyToManyField(
        Finding,
        blank=True,
        related_name="reports",
        help_text=_("Findings the report sets out, linked from its page."),
    )

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:index") + f"#report-{self.slug}"
