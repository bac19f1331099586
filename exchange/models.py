from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.fields import SanitizedHTMLField
from publishing.models import Publishable


class Organisation(Publishable):
    """A partner, funder, host or participant of the Portland-Denmark exchange."""

    class Role(models.TextChoices):
        CONVENER = "convener", _("Convener")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")
        HOST = "host", _("Host")
        PARTICIPANT = "participant", _("Participant")

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        BUSINESS = "business", _("Business association or company")
        NONPROFIT = "nonprofit", _("Nonprofit")
        FOUNDATION = "foundation", _("Foundation")
        RESEARCH = "research", _("Research institution")

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=50, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    role = models.CharField(max_length=20, choices=Role.choices, db_index=True)
    # Blank allowed: the seed pages do not say what kind of body CSI or Kalundborg Symbiosis
    # is, nor where CSI is based, and the portal must not guess.
    kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)
    country = models.CharField(max_length=100, default="United States", blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(
        blank=True, help_text=_("Its part in the exchange, in plain words.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exchange:partners") + f"#{self.slug}"


class Component(Publishable):
    """One of the exchange programme's components of work (study tour, expert visit, ...)."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField()
    body = SanitizedHTMLField(blank=True)
    year = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("exchange:index") + f"#{self.slug}"


class Trip(Publishable):
    class Direction(models.TextChoices):
        OUTBOUND = "outbound", _("Portland delegation abroad")
        INBOUND = "inbound", _("Visiting experts in Portland")

    component = models.ForeignKey(
        Component, on_delete=models.PROTECT, related_name="trips", null=True, blank=True
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    direction = models.CharField(max_length=20, choices=Direction.choices)
    start_date = models.DateField(help_text=_("First day; for a month-only date use the 1st."))
    end_date = models.DateField(null=True, blank=True)
    date_display = models.CharField(
        max_length=50,
        blank=True,
        help_text=_('How the date is shown when days are unknown: "June 2022".'),
    )
    destination = models.CharField(max_length=200)
    delegation_size = models.PositiveSmallIntegerField(null=True, blank=True)
    delegation_description = models.CharField(max_length=300, blank=True)
    summary = models.TextField()
    body = SanitizedHTMLField(blank=True)
    image = models.ForeignKey(
        "media.Image", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="trips")

    class Meta:
        ordering = ["start_date"]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchange:trip", kwargs={"slug": self.slug})


class Delegate(models.Model):
    """A member of a trip's delegation."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="delegates")
    name = models.CharField(max_length=200)
    position = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="delegates"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["trip", "order", "name"]

    def __str__(self):
        return self.name


class SiteVisit(Publishable):
    """A visit to one Portland industry during a trip, where experts analysed operations."""

    trip = models.ForeignKey(Trip, on_delete=models.PROTECT, related_name="site_visits")
    host = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="site_visits"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    date = models.DateField(null=True, blank=True)
    industry = models.CharField(max_length=200, blank=True)
    summary = models.TextField()
    body = SanitizedHTMLField(blank=True)

    class Meta:
        ordering = ["trip", "date", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchange:site-visit", kwargs={"slug": self.slug})


class Recommendation(Publishable):
    """Advice the Danish experts gave a Portland company for profitable decarbonisation."""

    site_visit = models.ForeignKey(
        SiteVisit, on_delete=models.CASCADE, related_name="recommendations"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField()
    body = SanitizedHTMLField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["site_visit", "order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchange:recommendation", kwargs={"slug": self.slug})


class CollaborationTrack(Publishable):
    """A kind of ongoing peer-to-peer learning between Portland and Denmark."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government-to-government")
        INDUSTRY = "industry", _("Industry-to-industry")
        RESEARCH = "research", _("Researcher-to-researcher")

    # The kind as a whole phrase: word order differs between languages.
    KIND_DESCRIPTIONS = {
        Kind.GOVERNMENT: _("Government-to-government collaboration"),
        Kind.INDUSTRY: _("Industry-to-industry collaboration"),
        Kind.RESEARCH: _("Researcher-to-researcher collaboration"),
    }

    component = models.ForeignKey(
        Component, on_delete=models.PROTECT, related_name="tracks", null=True, blank=True
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField()
    body = SanitizedHTMLField(blank=True)
    host = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="hosted_tracks"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    @property
    def kind_description(self) -> str:
        return self.KIND_DESCRIPTIONS.get(self.kind, self.get_kind_display())

    def get_absolute_url(self):
        return reverse("exchange:track", kwargs={"slug": self.slug})


class Event(Publishable):
    class Kind(models.TextChoices):
        WORK_SESSION = "work_session", _("City Council work session")
        MEETING = "meeting", _("Meeting")
        WEBINAR = "webinar", _("Webinar")

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    summary = models.TextField()
    body = SanitizedHTMLField(blank=True)
    recording_url = models.URLField(blank=True)
    trips = models.ManyToManyField(Trip, blank=True, related_name="events")

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchange:event", kwargs={"slug": self.slug})
