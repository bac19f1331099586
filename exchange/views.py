"""Public pages of the Portland-Denmark exchange.

Every page fetches what its template shows in a fixed number of queries (select_related /
Prefetch), however many trips, visits or recommendations exist.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, npgettext
from django.views.generic import TemplateView

from core.templatetags.translated import is_untranslated, shown_language
from publishing.preview import PreviewDetailView, actions_answering

from . import calendars
from .models import (
    CollaborationTrack,
    Component,
    Event,
    Organisation,
    Recommendation,
    SiteVisit,
    Trip,
)


def role_heading(role: str, count: int) -> str:
    """A role group's heading in the page's language, singular or plural: "Funders"."""
    Role = Organisation.Role
    headings = {
        Role.CONVENER: lambda: npgettext("role heading", "Convener", "Conveners", count),
        Role.PARTNER: lambda: npgettext("role heading", "Partner", "Partners", count),
        Role.FUNDER: lambda: npgettext("role heading", "Funder", "Funders", count),
        Role.HOST: lambda: npgettext("role heading", "Host", "Hosts", count),
        Role.PARTICIPANT: lambda: npgettext("role heading", "Participant", "Participants", count),
    }
    return headings[role]() if role in headings else role


def group_by_role(organisations):
    """Organisations as [(role value, heading, [organisations])] in the Role choices' order."""
    groups = {role: [] for role in Organisation.Role.values}
    for organisation in organisations:
        groups.setdefault(organisation.role, []).append(organisation)
    return [(role, role_heading(role, len(orgs)), orgs) for role, orgs in groups.items() if orgs]


def first_untranslated(*groups):
    """The first object of `groups` shown partly in English on this page, for the translation
    notice of a page listing many objects (None when all are in the page's language)."""
    return next((obj for group in groups for obj in group if is_untranslated(obj)), None)


def published_tracks():
    return CollaborationTrack.objects.published().select_related("host")


def published_events():
    return Event.objects.published()


def front_page() -> dict:
    """The next event on the home page (pages.front), cancelled or moved ones too: they say so.
    Like the list of events, a cached home page (or its cached what-is-new, for a visitor the
    page cache does not answer) can show an event for up to an hour after it ended (an ending
    changes no row)."""
    return {"next_event": published_events().upcoming().first()}


class BreadcrumbsMixin:
    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=True, **kwargs)


class PublishedDetailView(BreadcrumbsMixin, PreviewDetailView):
    """Staff also see drafts, so the admin's "View on site" works as a preview."""


class ExchangeIndexView(BreadcrumbsMixin, TemplateView):
    """The exchange at a glance. Below its heading the page is a cached fragment, with the
    translation notice that looks at its rows (templates/exchange/index.html), the same for every
    visitor until the content changes: what it shows is passed lazily and read only when it is
    rebuilt."""

    template_name = "exchange/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(exchange=SimpleLazyObject(self.listing), **kwargs)

    def listing(self):
        components = Component.objects.published().prefetch_related(
            Prefetch("trips", Trip.objects.published()),
            Prefetch("tracks", published_tracks()),
        )
        # A trip staff have not placed in a component must still be reachable.
        other_trips = Trip.objects.published().filter(component__isnull=True)
        tracks, events = published_tracks(), published_events()
        trips = [trip for component in components for trip in component.trips.all()]
        return {
            "components": components,
            "other_trips": other_trips,
            "tracks": tracks,
            "events": events,
            "organisation_groups": group_by_role(Organisation.objects.published()),
            # Organisations' names are mostly proper names: the notice follows the rest.
            "untranslated_item": first_untranslated(components, trips, other_trips, tracks, events),
        }


# The trip, site-visit and recommendation pages: one query for the row's own columns (its
# title and summary for the <head>, its texts for the translation notice); the rest of the page
# is cached (templates/exchange/*_detail.html), the same for every visitor until the content
# changes. What it shows of other rows (the trip, the host, the lists) is read only when it is
# rebuilt: through the row's foreign keys, and lazy QuerySets, one query each. Joining those
# rows here instead would fetch some two hundred more columns (every language's) per request.


class TripDetailView(PublishedDetailView):
    context_object_name = "trip"
    queryset = Trip.objects.all()

    def get_context_data(self, **kwargs):
        trip = self.object
        return super().get_context_data(
            delegates=trip.delegates.select_related("organisation"),
            organisations=trip.organisations.published(),
            site_visits=trip.site_visits.published()
            .select_related("host")
            .prefetch_related(Prefetch("recommendations", Recommendation.objects.published())),
            events=trip.events.published(),
            **kwargs,
        )


class SiteVisitDetailView(PublishedDetailView):
    context_object_name = "visit"
    published_lookups = ["status", "trip__status"]
    queryset = SiteVisit.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recommendations=self.object.recommendations.published(), **kwargs
        )


class RecommendationDetailView(PublishedDetailView):
    context_object_name = "recommendation"
    published_lookups = ["status", "site_visit__status", "site_visit__trip__status"]
    queryset = Recommendation.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            actions=actions_answering(self.object), **self.siblings(), **kwargs
        )

    def siblings(self):
        # The other advice from the same visit, for readers who arrive from a search.
        siblings = (
            Recommendation.objects.published()
            .filter(site_visit=self.object.site_visit_id)
            .exclude(pk=self.object.pk)
        )
        return {"other_recommendations": siblings}


class TrackDetailView(PublishedDetailView):
    """One query for the track's own row; the rest of the page is a cached fragment
    (templates/exchange/collaborationtrack_detail.html): its host and component (through the
    foreign keys) and the other tracks (a lazy QuerySet) are read only when it is rebuilt."""

    context_object_name = "track"
    queryset = CollaborationTrack.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.others(), **kwargs)

    def others(self):
        # The list shows titles only: no host to join.
        return {"other_tracks": CollaborationTrack.objects.published().exclude(pk=self.object.pk)}


class EventListView(BreadcrumbsMixin, TemplateView):
    """Every published event: the coming ones first (soonest first), then those past (latest
    first), then those with no date on record. One query, split here by the time of the
    request. An event ending changes no row, so a cached copy of this page can list it as coming
    for up to PAGE_CACHE_SECONDS (an hour) after it ended; its own page says the same."""

    template_name = "exchange/event_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.listing(), **kwargs)

    def listing(self):
        now = timezone.now()
        upcoming, past, undated = [], [], []
        for event in published_events().order_by("starts_at", "title"):
            if not event.is_dated:
                undated.append(event)
            elif event.is_upcoming(now):
                upcoming.append(event)
            else:
                past.append(event)
        past.reverse()
        return {
            "upcoming": upcoming,
            "past": past,
            "undated": undated,
            **calendar_links(),
            "untranslated_item": first_untranslated(upcoming, past, undated),
        }


def calendar_links():
    """The feed's address, and the same with webcal://, which opens a calendar app to
    subscribe rather than downloading the file."""
    url = settings.SITE_URL + reverse("exchange:calendar")
    return {"calendar_url": url, "webcal_url": "webcal://" + url.split("://", 1)[-1]}


class EventDetailView(PublishedDetailView):
    """One query for the event; its documents and trips, lazy QuerySets, are read only when the
    page's cached fragment (templates/exchange/event_detail.html) is rebuilt. Whether the event
    is still to come is worked out at each request and is part of the fragment's key: an event
    ending changes no row."""

    context_object_name = "event"
    queryset = Event.objects.all()

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            upcoming=event.is_upcoming(),
            documents=event.documents.published(),
            trips=event.trips.published(),
            language_access_phone=settings.LANGUAGE_ACCESS_PHONE,
            **kwargs,
        )


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def events_calendar(request):
    """/events.ics: every published event with a date, past and coming."""
    events = published_events().filter(starts_at__isnull=False).order_by("starts_at", "pk")
    return calendar_response(calendars.calendar(events, name=calendars.feed_name()), "events.ics")


def event_calendar(request, slug):
    """One published event, for "Add to calendar"; none for a draft or an undated event."""
    event = get_object_or_404(published_events().filter(starts_at__isnull=False), slug=slug)
    return calendar_response(calendars.calendar([event], name=event.title), f"{slug}.ics")


class PartnersView(BreadcrumbsMixin, TemplateView):
    """Every published organisation by role. Below its heading the page is a cached fragment,
    with the translation notice that looks at its rows (templates/exchange/partners.html), the
    same for every visitor until the content changes: what it shows is passed lazily and read
    only when it is rebuilt."""

    template_name = "exchange/partners.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(partners=SimpleLazyObject(self.listing), **kwargs)

    def listing(self):
        organisations = Organisation.objects.published().prefetch_related(
            Prefetch("trips", Trip.objects.published()),
            Prefetch("hosted_tracks", CollaborationTrack.objects.published()),
        )
        return {
            "organisation_groups": group_by_role(organisations),
            # Names are mostly proper names: the notice follows the descriptions.
            "untranslated_item": next(
                (o for o in organisations if shown_language(o, "description") != get_language()),
                None,
            ),
        }
