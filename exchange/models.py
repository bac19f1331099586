import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import get_translation_fields

from publishing.documents import AccessibleDocument
from publishing.fields import SanitizedHTMLField
from publishing.models import SLUG_HELP_TEXT, Publishable, PublishedQuerySet


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
        help_text=SLUG_HELP_TEXT,
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
        help_text=SLUG_HELP_TEXT,
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
        help_text=SLUG_HELP_TEXT,
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
        help_text=SLUG_HELP_TEXT,
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
        help_text=SLUG_HELP_TEXT,
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
        help_text=SLUG_HELP_TEXT,
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


class EventQuerySet(PublishedQuerySet):
    """Dated events are upcoming until they are over (`over_at`), then past."""

    def with_end(self):
        return self.annotate(over=Coalesce("ends_at", "starts_at"))

    def upcoming(self, now=None):
        """Events not over yet, the soonest first (cancelled ones too: they say so)."""
        now = now or timezone.now()
        return self.with_end().filter(over__gt=now).order_by("starts_at", "title")

    def past(self, now=None):
        """Events over, the latest first."""
        now = now or timezone.now()
        return self.with_end().filter(over__lte=now).order_by("-starts_at", "title")

    def undated(self):
        return self.filter(starts_at__isnull=True)


class Event(Publishable):
    """A public meeting or event: a City Council work session, a webinar, a meeting.

    Times are stored as aware datetimes (UTC in the database) and shown in the portal's time
    zone, settings.TIME_ZONE (Portland's). An event with a date and no time of day (all day,
    or a time nobody recorded) is `all_day`: it starts at midnight of its first day and ends
    at midnight after its last, as calendars count whole days. An event without `starts_at`
    has no date on record. The calendar feeds (exchange/calendars.py) give each event a UID
    that never changes and a `sequence` that counts its changes of time, place or state, so
    calendar apps replace the copy they hold.
    """

    class Kind(models.TextChoices):
        WORK_SESSION = "work_session", _("City Council work session")
        MEETING = "meeting", _("Meeting")
        WEBINAR = "webinar", _("Webinar")

    class State(models.TextChoices):
        AS_PLANNED = "as_planned", _("Going ahead as planned")
        MOVED = "moved", _("Moved to a new date")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(
        max_length=200,
        help_text=_("The heading of the event's page and its name in the list of events."),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=SLUG_HELP_TEXT,
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        help_text=_("What sort of event it is, shown beside its title."),
    )
    starts_at = models.DateTimeField(
        _("starts"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "When it starts, in Portland time: shown on its page, in the list of events and in "
            "the calendars. Empty: no date on record."
        ),
    )
    ends_at = models.DateTimeField(
        _("ends"), null=True, blank=True, help_text=_("When it ends, shown beside the start.")
    )
    all_day = models.BooleanField(
        _("date only"),
        default=True,
        help_text=_("No time of day: the event lasts all day, or its time is not known."),
    )
    state = models.CharField(
        max_length=20,
        choices=State.choices,
        default=State.AS_PLANNED,
        db_index=True,
        help_text=_("Moved or cancelled events say so on their page and in the calendars."),
    )
    moved_from = models.DateTimeField(
        _("originally planned for"),
        null=True,
        blank=True,
        help_text=_("For a moved event: when it was to start before it moved."),
    )
    state_note = models.TextField(
        _("note on the change"),
        blank=True,
        help_text=_("Why the event moved or was cancelled, and anything people should do."),
    )
    venue = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("The place's name and address.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Where to join or watch it online.")
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
    accommodation_deadline = models.DateField(
        _("requests by"),
        null=True,
        blank=True,
        help_text=_("The last day to ask for an ADA accommodation, translation or interpretation."),
    )
    accommodation_contact = models.CharField(
        _("how to ask"),
        max_length=200,
        blank=True,
        help_text=_(
            "An email address or phone number for those requests. Empty: the portal's language "
            "access line and contact form."
        ),
    )
    # Counts the changes to when, where and whether (iCalendar's SEQUENCE): see
    # count_schedule_change.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    trips = models.ManyToManyField(
        Trip,
        blank=True,
        related_name="events",
        help_text=_("Trips the event reported on, linked from its page."),
    )

    objects = EventQuerySet.as_manager()

    # What a calendar app must hear about again (RFC 5545: a change to the start, end or
    # status; the place too, for the people going).
    SCHEDULE_FIELDS = ("starts_at", "ends_at", "all_day", "state", "venue", "online_url")

    class Meta:
        ordering = [models.F("starts_at").desc(nulls_last=True), "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # Not tied to a field: staff enter days and times (exchange/forms.py), not these.
        if self.ends_at and not self.starts_at:
            raise ValidationError(_("An event with an end needs a start."))
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError(_("The event cannot end before it starts."))
        if self.state == self.State.MOVED:
            errors = {}
            if not self.moved_from:
                errors["moved_from"] = _("Say when the event was to start before it moved.")
            if not self.starts_at:
                errors["state"] = _("A moved event needs its new date.")
            if not self.state_note:
                # Not on the field: the admin edits it once per language (state_note_en, ...).
                errors[NON_FIELD_ERRORS] = _("Say why the event moved, in a short note.")
            if errors:
                raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("exchange:event", kwargs={"slug": self.slug})

    def get_calendar_url(self):
        return reverse("exchange:event-calendar", kwargs={"slug": self.slug})

    # --- When ---------------------------------------------------------------------------

    @property
    def is_dated(self) -> bool:
        return self.starts_at is not None

    @property
    def over_at(self):
        """When the event is over: its end, or its start when no end is known."""
        return self.ends_at or self.starts_at

    def is_upcoming(self, now=None) -> bool:
        return self.is_dated and self.over_at > (now or timezone.now())

    @property
    def first_day(self) -> datetime.date | None:
        return timezone.localtime(self.starts_at).date() if self.starts_at else None

    @property
    def last_day(self) -> datetime.date | None:
        """The last day it runs on (for a date-only event, the day before its end)."""
        if not self.starts_at:
            return None
        if not self.ends_at:
            return self.first_day
        end = timezone.localtime(self.ends_at)
        if self.all_day:
            return max(end.date() - datetime.timedelta(days=1), self.first_day)
        return end.date()

    @property
    def is_cancelled(self) -> bool:
        return self.state == self.State.CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.state == self.State.MOVED

    def set_dates(self, first_day, start_time=None, last_day=None, end_time=None):
        """Set when it runs from its days and, if known, its times of day, in the portal's
        time zone; no first day: no date on record."""
        if first_day is None:
            self.starts_at = self.ends_at = None
            self.all_day = True
            return
        zone = timezone.get_default_timezone()

        def at(day, time):
            return datetime.datetime.combine(day, time, tzinfo=zone)

        self.all_day = start_time is None
        if self.all_day:
            self.starts_at = at(first_day, datetime.time())
            self.ends_at = at((last_day or first_day) + datetime.timedelta(days=1), datetime.time())
        else:
            self.starts_at = at(first_day, start_time)
            self.ends_at = at(last_day or first_day, end_time) if end_time else None

    # --- Calendars ----------------------------------------------------------------------

    def schedule_columns(self) -> list[str]:
        """SCHEDULE_FIELDS as columns: a translated field's, in every language."""
        translated = translated_fields(type(self))
        return [
            column for name in self.SCHEDULE_FIELDS for column in (translated.get(name) or [name])
        ]

    def count_schedule_change(self):
        """Before a save (any save, a revision's restore too): if the time, place or state
        differs from the stored row's, count one more change. The count never goes back,
        even when an old version is restored: calendar apps ignore a lower one."""
        if self.pk is None:
            return
        columns = self.schedule_columns()
        stored = type(self)._base_manager.filter(pk=self.pk).values("sequence", *columns).first()
        if stored is None:
            return
        self.sequence = max(self.sequence, stored.pop("sequence"))
        if any(getattr(self, column) != value for column, value in stored.items()):
            self.sequence += 1


def translated_fields(model) -> dict[str, list[str]]:
    """{field: [its column per language]} for the fields modeltranslation adds languages to."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {name: get_translation_fields(name) for name in options.all_fields}


class EventDocument(AccessibleDocument):
    """An event's agenda or materials: a PDF with its web version, or a link."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        MATERIALS = "materials", _("Materials")
        MINUTES = "minutes", _("Minutes")

    upload_folder = "events"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.AGENDA,
        help_text=_("Shown before the title in the event's list of documents."),
    )
    title = models.CharField(
        max_length=300, help_text=_("The document's name in the event's list of documents.")
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Position in the event's list of documents: lower numbers first.")
    )

    class Meta:
        ordering = ["event", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.event.get_absolute_url() + f"#document-{self.pk}"
