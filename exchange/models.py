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

    name = models.CharField(
        max_length=200,
        help_text=_(
            "Its full name, shown on its page, on the exchange's pages and beside the trips and "
            "actions it takes part in."
        ),
    )
    short_name = models.CharField(
        max_length=50,
        blank=True,
        help_text=_(
            "An abbreviation shown where space is short (lists, charts); left empty, the full name "
            "is used."
        ),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of its web address: lower case, hyphens, no spaces. Changing it breaks "
            "old links."
        ),
    )
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        db_index=True,
        help_text=_(
            "Its side in the exchange; organisations are grouped by it on the exchange's pages."
        ),
    )
    # Blank allowed: the seed pages do not say what kind of body CSI or Kalundborg Symbiosis
    # is, nor where CSI is based, and the portal must not guess.
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_("What sort of organisation it is, shown beside its name."),
    )
    country = models.CharField(
        max_length=100,
        default="United States",
        blank=True,
        help_text=_("Shown beside its name on its page."),
    )
    website = models.URLField(blank=True, help_text=_("Linked from its page as its website."))
    description = models.TextField(
        blank=True, help_text=_("Its part in the exchange, in plain words.")
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Position in lists of organisations: lower numbers first.")
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exchange:partners") + f"#{self.slug}"


class Component(Publishable):
    """One of the exchange programme's components of work (study tour, expert visit, ...)."""

    number = models.PositiveSmallIntegerField(
        unique=True,
        help_text=_(
            "The component's number in the exchange (1, 2, ...), shown before its title and used to"
            " order them."
        ),
    )
    title = models.CharField(
        max_length=200,
        help_text=_("The heading of its page and its name in the exchange's overview."),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of its web address: lower case, hyphens, no spaces. Changing it breaks "
            "old links."
        ),
    )
    summary = models.TextField(
        help_text=_(
            "One or two plain sentences shown under the title and in the exchange's overview and "
            "search results."
        )
    )
    body = SanitizedHTMLField(blank=True, help_text=_("The main text of its page."))
    year = models.PositiveSmallIntegerField(
        help_text=_("The year it took place, shown beside its title.")
    )

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
        Component,
        on_delete=models.PROTECT,
        related_name="trips",
        null=True,
        blank=True,
        help_text=_(
            "The component of the exchange this trip belongs to; the trip is listed on that "
            "component's page."
        ),
    )
    title = models.CharField(
        max_length=200,
        help_text=_("The heading of the trip's page and its name in lists of trips."),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of its web address: lower case, hyphens, no spaces. Changing it breaks "
            "old links."
        ),
    )
    direction = models.CharField(
        max_length=20,
        choices=Direction.choices,
        help_text=_("Who travelled where; shown on the trip's page and used to group trips."),
    )
    start_date = models.DateField(help_text=_("First day; for a month-only date use the 1st."))
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "Last day, shown with the start date on the trip's page; left empty for a one-day trip."
        ),
    )
    date_display = models.CharField(
        max_length=50,
        blank=True,
        help_text=_('How the date is shown when days are unknown: "June 2022".'),
    )
    destination = models.CharField(
        max_length=200,
        help_text=_("Where the delegation went, shown on the trip's page and in lists of trips."),
    )
    delegation_size = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("How many people travelled, shown on the trip's page.")
    )
    delegation_description = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Who travelled, in a phrase, shown on the trip's page."),
    )
    summary = models.TextField(
        help_text=_(
            "One or two plain sentences shown under the title, in lists of trips and in search "
            "results."
        )
    )
    body = SanitizedHTMLField(blank=True, help_text=_("The main text of the trip's page."))
    image = models.ForeignKey(
        "media.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The lead photo of the trip's page (its alt text is set on the image)."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="trips",
        help_text=_("Organisations that took part, listed on the trip's page."),
    )

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
    name = models.CharField(
        max_length=200, help_text=_("Listed among the delegation on the trip's page.")
    )
    position = models.CharField(
        max_length=200, blank=True, help_text=_("Their job title, shown after their name.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegates",
        help_text=_("Their organisation, shown after their name."),
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Position in the list of delegates: lower numbers first.")
    )

    class Meta:
        ordering = ["trip", "order", "name"]

    def __str__(self):
        return self.name


class SiteVisit(Publishable):
    """A visit to one Portland industry during a trip, where experts analysed operations."""

    trip = models.ForeignKey(
        Trip,
        on_delete=models.PROTECT,
        related_name="site_visits",
        help_text=_("The trip the visit was part of; the visit is listed on that trip's page."),
    )
    host = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="site_visits",
        help_text=_("The organisation visited, shown and linked on the visit's page."),
    )
    title = models.CharField(
        max_length=200,
        help_text=_("The heading of the visit's page and its name in the trip's list of visits."),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of its web address: lower case, hyphens, no spaces. Changing it breaks "
            "old links."
        ),
    )
    date = models.DateField(
        null=True, blank=True, help_text=_("The day of the visit, shown on its page.")
    )
    industry = models.CharField(
        max_length=200, blank=True, help_text=_("The industry seen, shown on the visit's page.")
    )
    summary = models.TextField(
        help_text=_(
            "One or two plain sentences shown under the title, in the trip's list and in search "
            "results."
        )
    )
    body = SanitizedHTMLField(blank=True, help_text=_("The main text of the visit's page."))

    class Meta:
        ordering = ["trip", "date", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchange:site-visit", kwargs={"slug": self.slug})


class Recommendation(Publishable):
    """Advice the Danish experts gave a Portland company for profitable decarbonisation."""

    site_visit = models.ForeignKey(
        SiteVisit,
        on_delete=models.CASCADE,
        related_name="recommendations",
        help_text=_("The visit it came from; the recommendation is listed on that visit's page."),
    )
    title = models.CharField(
        max_length=200,
        help_text=_(
            "The heading of the recommendation's page and its name in lists and on linked roadmap "
            "actions."
        ),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of its web address: lower case, hyphens, no spaces. Changing it breaks "
            "old links."
        ),
    )
    summary = models.TextField(
        help_text=_(
            "One or two plain sentences shown under the title, in lists and in search results."
        )
    )
    body = SanitizedHTMLField(
        blank=True, help_text=_("The main text of the recommendation's page.")
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Position in lists of recommendations: lower numbers first.")
    )

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
        Component,
        on_delete=models.PROTECT,
        related_name="tracks",
        null=True,
        blank=True,
        help_text=_(
            "The component of the exchange this track belongs to; it is listed on that component's "
            "page."
        ),
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        unique=True,
        help_text=_("Which peer-to-peer track this is; each kind has one page."),
    )
    title = models.CharField(
        max_length=200, help_text=_("The heading of the track's page and its name in lists.")
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of its web address: lower case, hyphens, no spaces. Changing it breaks "
            "old links."
        ),
    )
    summary = models.TextField(
        help_text=_(
            "One or two plain sentences shown under the title, in lists and in search results."
        )
    )
    body = SanitizedHTMLField(blank=True, help_text=_("The main text of the track's page."))
    host = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_tracks",
        help_text=_("The organisation that hosts the track, shown and linked on its page."),
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Position in lists of tracks: lower numbers first.")
    )

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

    title = models.CharField(
        max_length=200,
        help_text=_("The heading of the event's page and its name in the list of events."),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of its web address: lower case, hyphens, no spaces. Changing it breaks "
            "old links."
        ),
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        help_text=_("What sort of event it is, shown beside its title."),
    )
    date = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "The day of the event, shown on its page and used to order the list of events."
        ),
    )
    venue = models.CharField(
        max_length=200, blank=True, help_text=_("Where it took place, shown on its page.")
    )
    summary = models.TextField(
        help_text=_(
            "One or two plain sentences shown under the title, in the list of events and in search "
            "results."
        )
    )
    body = SanitizedHTMLField(blank=True, help_text=_("The main text of the event's page."))
    recording_url = models.URLField(
        blank=True,
        help_text=_("A recording of the event, linked from its page (an https:// address)."),
    )
    trips = models.ManyToManyField(
        Trip,
        blank=True,
        related_name="events",
        help_text=_("Trips the event reported on, linked from its page."),
    )

    class Meta:
        ordering = [models.F("date").desc(nulls_last=True), "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchange:event", kwargs={"slug": self.slug})
