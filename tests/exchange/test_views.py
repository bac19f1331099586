import datetime

import pytest
from django.urls import reverse

from exchange.models import Organisation
from publishing.models import Publishable
from tests.outline import assert_accessible_outline, section

from .factories import (
    CollaborationTrackFactory,
    ComponentFactory,
    DelegateFactory,
    EventFactory,
    OrganisationFactory,
    RecommendationFactory,
    SiteVisitFactory,
    TripFactory,
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
