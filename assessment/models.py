from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.charts import format_number
from publishing.documents import AccessibleDocument
from publishing.fields import SanitizedHTMLField
from publishing.models import Publishable, TimeStampedModel


class Source(TimeStampedModel):
    """Where a finding or indicator comes from: a page, report or dataset."""

    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    url = models.URLField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["publisher", "title"]
        constraints = [
            models.UniqueConstraint(fields=["title", "publisher"], name="unique_source"),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"


class Sector(Publishable):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assessment:index") + f"?sector={self.slug}"


class Finding(Publishable):
    class Kind(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape")
        OPPORTUNITY = "opportunity", _("Opportunity")
        BARRIER = "barrier", _("Barrier")
        BENEFIT = "benefit", _("Benefit")
        HUB_MODEL = "hub_model", _("Hub model")
        POLICY_TOOL = "policy_tool", _("Policy tool")
        FINANCE_TOOL = "finance_tool", _("Finance tool")

    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField()
    body = SanitizedHTMLField(blank=True)
    sector = models.ForeignKey(
        Sector, on_delete=models.SET_NULL, null=True, blank=True, related_name="findings"
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="findings")
    image = models.ForeignKey(
        "media.Image", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

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
        Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=50, help_text=_('For example "%", "jobs", "tonnes CO2e".'))
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    approximate = models.BooleanField(default=False, help_text=_('Shown as "about".'))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="indicators")
    note = models.CharField(max_length=300, blank=True)

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

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField()
    published_on = models.DateField(null=True, blank=True)
    findings = models.ManyToManyField(Finding, blank=True, related_name="reports")

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:index") + f"#report-{self.slug}"
