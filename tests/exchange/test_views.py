import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from exchange.models import Event, EventDocument, Organisation
from publishing.models import Publishable
from tests.outline import assert_accessible_outline, section

from .factories import (
    CollaborationTrackFactory,
    ComponentFactory,
    DelegateFactory,
    EventDocumentFactory,
    EventFactory,
    OrganisationFactory,
    RecommendationFactory,
    SiteVisitFactory,
    TripFactory,
    at,
)

pytestmark = pytest.mark.django_db
DRAFT = Publishable.Status.DRAFT


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def trip():
    trip = TripFactory(
        title="Study tour",
        date_display="June 2022",
        delegation_size=24,
        delegation_description="two dozen Portland-area leaders",
    )
    DelegateFactory(trip=trip, name="Ada Delegate", position="Director")
    visit = SiteVisitFactory(trip=trip, title="Steel mill visit", host__name="Mill Co")
    RecommendationFactory(site_visit=visit, title="Recover waste heat")
    RecommendationFactory(site_visit=visit, title="Secret draft advice", status=DRAFT)
    SiteVisitFactory(trip=trip, title="Unpublished visit", status=DRAFT)
    EventFactory(title="Council session", trips=[trip])
    EventFactory(title="Draft event", trips=[trip], status=DRAFT)
    return trip


def test_index_shows_components_in_order_with_trips_tracks_events_and_partners(client):
    second = ComponentFactory(number=2, title="Experts advise companies")
    first = ComponentFactory(number=1, title="Study tour component")
    TripFactory(component=first, title="June trip", date_display="June 2022")
    TripFactory(component=first, title="Hidden trip", status=DRAFT)
    track = CollaborationTrackFactory(component=second, title="Industry-to-industry")
    EventFactory(title="Council session", date=datetime.date(2023, 1, 10))
    OrganisationFactory(name="Big Funder", role=Organisation.Role.FUNDER)
    OrganisationFactory(name="Draft Funder", role=Organisation.Role.FUNDER, status=DRAFT)

    html = get(client, reverse("exchange:index"))

    programme = section(html, "programme-heading")
    assert programme.index("Study tour component") < programme.index("Experts advise companies")
    assert "June trip" in programme and '<time datetime="2022-06">June 2022</time>' in programme
    assert "Hidden trip" not in html
    assert track.get_absolute_url() in programme
    assert track.get_absolute_url() in section(html, "tracks-heading")
    assert '<time datetime="2023-01-10">' in section(html, "events-heading")
    partners = section(html, "organisations-heading")
    assert "Funder" in partners and "Big Funder" in partners
    assert "Draft Funder" not in html
    assert_accessible_outline(html)


def test_index_lists_trips_that_belong_to_no_component(client):
    TripFactory(component=None, title="Follow-up visit")
    TripFactory(component=None, title="Unannounced trip", status=DRAFT)
    programme = section(get(client, reverse("exchange:index")), "programme-heading")
    assert "Other trips" in programme and "Follow-up visit" in programme
    assert "Unannounced trip" not in programme


def test_index_says_plainly_when_nothing_is_published(client):
    html = get(client, reverse("exchange:index"))
    assert "No events have been published yet." in html
    assert "No peer-to-peer collaboration has been published yet." in html


def test_trip_page_shows_dates_delegation_visits_recommendations_and_events(client, trip):
    html = get(client, trip.get_absolute_url())
    outline = assert_accessible_outline(html)
    assert (1, "Study tour") in outline.headings
    assert '<time datetime="2022-06">June 2022</time>' in html
    assert "Two dozen Portland-area leaders (24 people)" in html
    assert "Ada Delegate, Director" in html
    visits = section(html, "visits-heading")
    assert "Steel mill visit" in visits and "Mill Co" in visits
    assert "Recover waste heat" in visits
    assert "Unpublished visit" not in html and "Secret draft advice" not in html
    events = section(html, "events-heading")
    assert "Council session" in events and "Draft event" not in events


def test_trip_page_with_exact_dates_uses_full_datetimes(client):
    trip = TripFactory(start_date=datetime.date(2022, 10, 3), end_date=datetime.date(2022, 10, 7))
    html = get(client, trip.get_absolute_url())
    assert '<time datetime="2022-10-03">3 October 2022</time> to' in html
    assert '<time datetime="2022-10-07">7 October 2022</time>' in html


def test_trip_without_site_visits_says_so(client):
    html = get(client, TripFactory().get_absolute_url())
    visits = section(html, "visits-heading")
    assert "No site visits have been recorded for this trip" in visits
    assert "No events are linked to this trip." in html


def test_site_visit_page(client, trip):
    visit = trip.site_visits.get(title="Steel mill visit")
    html = get(client, visit.get_absolute_url())
    outline = assert_accessible_outline(html)
    assert (1, "Steel mill visit") in outline.headings
    assert (3, "Recover waste heat") in outline.headings
    assert "Secret draft advice" not in html
    assert trip.get_absolute_url() in html and "Mill Co" in html


def test_recommendation_page(client):
    recommendation = RecommendationFactory(title="Electrify the kilns", summary="Use heat pumps.")
    RecommendationFactory(site_visit=recommendation.site_visit, title="Sibling advice")
    html = get(client, recommendation.get_absolute_url())
    outline = assert_accessible_outline(html)
    assert (1, "Electrify the kilns") in outline.headings
    assert "Use heat pumps." in html
    assert "Sibling advice" in section(html, "others-heading")
    assert recommendation.site_visit.get_absolute_url() in html


def test_track_page(client):
    track = CollaborationTrackFactory(summary="Talks between city halls.", host__name="Consulate")
    other = CollaborationTrackFactory()
    html = get(client, track.get_absolute_url())
    outline = assert_accessible_outline(html)
    assert outline.headings[0] == (1, f"{track.title} learning")
    assert "Talks between city halls." in html and "Consulate" in html
    assert other.title in section(html, "other-tracks-heading")


def test_events_list_upcoming_soonest_first_then_past_latest_first_then_undated(client):
    soon = EventFactory(title="Soon", date=timezone.localdate() + datetime.timedelta(days=3))
    later = EventFactory(title="Later", date=timezone.localdate() + datetime.timedelta(days=30))
    today = EventFactory(title="Today", date=timezone.localdate())  # not over until midnight
    old = EventFactory(title="Old", date=datetime.date(2022, 11, 1))
    older = EventFactory(title="Older", date=datetime.date(2022, 6, 1))
    cancelled = EventFactory(title="Called off", date=soon.first_day, state=Event.State.CANCELLED)
    EventFactory(title="Work session", date=None)
    EventFactory(title="Draft meeting", status=DRAFT)

    response = client.get(reverse("exchange:events"))

    html = response.content.decode()
    outline = assert_accessible_outline(html)
    assert [e.title for e in response.context["upcoming"]] == [
        "Today",
        "Called off",
        "Soon",
        "Later",
    ]
    assert [e.title for e in response.context["past"]] == ["Old", "Older"]
    assert [e.title for e in response.context["undated"]] == ["Work session"]
    headings = [text for level, text in outline.headings if level == 2]
    assert headings.index("Upcoming events") < headings.index("Past events")
    assert headings.index("Past events") < headings.index("Events without a date on record")
    assert "Draft meeting" not in html
    upcoming = section(html, "upcoming-heading")
    for event in (soon, later, today, cancelled):
        assert event.get_absolute_url() in upcoming
    assert old.get_absolute_url() in section(html, "past-heading")
    assert older.get_absolute_url() in section(html, "past-heading")
    assert 'Called off</a> <span class="badge text-bg-warning">Cancelled</span>' in upcoming
    subscribe = section(html, "calendar-heading")
    assert 'href="webcal://localhost:8000/events.ics"' in subscribe
    assert "<code>http://localhost:8000/events.ics</code>" in subscribe
    assert f'href="{reverse("exchange:calendar")}"' in html  # <link rel="alternate">


def test_events_list_without_events_says_so(client):
    cache.clear()  # nothing is saved here to make an earlier test's page stale
    html = get(client, reverse("exchange:events"))
    assert "No upcoming events have been published yet." in html
    assert "No past events have been published." in html
    assert "undated-heading" not in html


@pytest.fixture
def upcoming_session():
    start = timezone.localdate() + datetime.timedelta(days=14)
    event = EventFactory(
        title="Council work session",
        starts_at=at(start, datetime.time(18)),
        ends_at=at(start, datetime.time(19, 30)),
        all_day=False,
        venue="City Hall, 1221 SW 4th Ave",
        online_url="https://example.org/watch",
        accommodation_deadline=start - datetime.timedelta(days=5),
    )
    EventDocumentFactory(event=event, title="Agenda for the session")
    EventDocumentFactory(
        event=event,
        kind=EventDocument.Kind.MATERIALS,
        title="Slides",
        html_version="",
        url="https://example.org/slides",
    )
    EventDocumentFactory(event=event, title="Unfinished notes", status=DRAFT)
    return event


def test_event_page_shows_when_where_materials_and_how_to_ask_for_accommodation(
    client, upcoming_session
):
    event = upcoming_session
    html = get(client, event.get_absolute_url())

    assert_accessible_outline(html)
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    assert f'<time datetime="{start.isoformat()}">6 p.m.</time>' in html
    assert f'<time datetime="{end.isoformat()}">7:30 p.m.</time> Pacific Time' in html
    assert "City Hall, 1221 SW 4th Ave" in html
    assert '<a href="https://example.org/watch">Join or watch online</a>' in html
    assert f'href="{event.get_calendar_url()}">Add Council work session to your calendar' in html
    documents = section(html, "documents-heading")
    assert "Agenda for the session" in documents and "1. Welcome." in documents
    assert '<a href="https://example.org/slides">Read Slides</a>' in documents
    assert "Unfinished notes" not in html
    accommodation = section(html, "accommodation-heading")
    deadline = event.accommodation_deadline
    assert "To ask for an ADA accommodation, translation or interpretation, free of charge" in (
        accommodation
    )
    assert f'by <time datetime="{deadline:%Y-%m-%d}">' in accommodation
    assert f'<a href="{reverse("pages:contact")}">contact form</a>' in accommodation


def test_an_email_to_ask_for_accommodation_is_a_link(client, upcoming_session):
    upcoming_session.accommodation_contact = "cleanindustry@example.org"
    upcoming_session.accommodation_deadline = None
    upcoming_session.save()

    html = get(client, upcoming_session.get_absolute_url())

    accommodation = section(html, "accommodation-heading")
    assert 'href="mailto:cleanindustry@example.org"' in accommodation
    assert "as early as you can." in accommodation


def test_a_past_event_page_has_no_accommodation_line(client):
    event = EventFactory(date=datetime.date(2023, 1, 10))

    html = get(client, event.get_absolute_url())

    assert "accommodation-heading" not in html
    assert "No agenda or materials have been published for this event." in html
    assert '<time datetime="2023-01-10">10 January 2023</time>' in html


def test_a_cancelled_event_says_so_and_offers_no_calendar_entry(client, upcoming_session):
    upcoming_session.state = Event.State.CANCELLED
    upcoming_session.state_note = "The session will be held in the spring instead."
    upcoming_session.save()

    html = get(client, upcoming_session.get_absolute_url())

    assert "This event is cancelled.</strong> <span>The session will be held in the spring" in html
    assert "<del>" in html
    assert upcoming_session.get_calendar_url() not in html
    assert "accommodation-heading" not in html


def test_a_moved_event_shows_the_date_it_had_and_why(client, upcoming_session):
    upcoming_session.moved_from = at(datetime.date(2030, 3, 1), datetime.time(18))
    upcoming_session.state = Event.State.MOVED
    upcoming_session.state_note = "The chamber is being repaired."
    upcoming_session.save()

    html = get(client, upcoming_session.get_absolute_url())

    assert "This event has moved.</strong> It was to take place on" in html
    assert '<time datetime="2030-03-01">1 March 2030</time>; the new date is below.' in html
    assert "The chamber is being repaired." in html


def test_search_finds_an_event_at_its_page(client):
    event = EventFactory(title="Council work session on clean industry")

    html = get(client, reverse("search:search") + "?q=council+work+session")

    assert f'href="{event.get_absolute_url()}"' in html


def test_event_pages_moved_from_the_exchange_redirect(client):
    event = EventFactory()
    response = client.get(f"/exchange/events/{event.slug}/")
    assert response.status_code == 301
    assert response["Location"] == event.get_absolute_url()
    assert client.get(f"/es/exchange/events/{event.slug}/")["Location"] == (
        f"/es/events/{event.slug}/"
    )


def test_event_page_without_a_date(client, trip):
    event = EventFactory(title="Work session", date=None, trips=[trip])
    html = get(client, event.get_absolute_url())
    assert_accessible_outline(html)
    assert "Date not recorded" in html
    assert trip.get_absolute_url() in section(html, "trips-heading")


def test_partners_grouped_by_role_with_slug_anchors(client):
    OrganisationFactory(name="The City", slug="the-city", role=Organisation.Role.CONVENER)
    OrganisationFactory(name="A Funder", slug="a-funder", role=Organisation.Role.FUNDER)
    OrganisationFactory(name="Hidden", role=Organisation.Role.FUNDER, status=DRAFT)
    html = get(client, reverse("exchange:partners"))
    outline = assert_accessible_outline(html)
    h2s = [text for level, text in outline.headings if level == 2]
    assert h2s.index("Convener") < h2s.index("Funder")
    assert 'id="the-city"' in section(html, "role-convener")
    assert 'id="a-funder"' in section(html, "role-funder")
    assert "Hidden" not in html


@pytest.mark.parametrize(
    "make",
    [
        lambda: TripFactory(status=DRAFT),
        lambda: SiteVisitFactory(status=DRAFT),
        lambda: SiteVisitFactory(trip__status=DRAFT),
        lambda: RecommendationFactory(status=DRAFT),
        lambda: RecommendationFactory(site_visit__status=DRAFT),
        lambda: RecommendationFactory(site_visit__trip__status=DRAFT),
        lambda: CollaborationTrackFactory(status=DRAFT),
        lambda: EventFactory(status=DRAFT),
    ],
    ids=[
        "trip",
        "visit",
        "visit-of-draft-trip",
        "recommendation",
        "recommendation-of-draft-visit",
        "recommendation-of-draft-trip",
        "track",
        "event",
    ],
)
def test_drafts_are_not_public_but_staff_can_preview_them(client, admin_client, make):
    url = make().get_absolute_url()
    assert client.get(url).status_code == 404
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "this page is not public yet" in preview.content.decode()


def test_published_pages_carry_no_draft_notice(client, trip):
    assert "not public yet" not in get(client, trip.get_absolute_url())
