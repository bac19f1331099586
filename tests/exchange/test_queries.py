"""Each public page runs a small, fixed number of queries, however many rows it shows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.models import Organisation

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
)

pytestmark = pytest.mark.django_db
MAX_QUERIES = 10


@pytest.fixture
def world():
    """One of everything, linked; `grow` adds rows around the same pages."""
    trip = TripFactory()
    visit = SiteVisitFactory(trip=trip)
    recommendation = RecommendationFactory(site_visit=visit)
    event = EventFactory(trips=[trip])
    tracks = CollaborationTrackFactory.create_batch(3, component=trip.component)
    return {
        "trip": trip,
        "visit": visit,
        "recommendation": recommendation,
        "event": event,
        "track": tracks[0],
    }


def grow(world, times):
    """Add `times` times more of every row the pages list."""
    trip, visit = world["trip"], world["visit"]
    for _ in range(times):
        component = ComponentFactory()
        other_trip = TripFactory(component=component)
        other_trip.organisations.add(OrganisationFactory(role=Organisation.Role.CONVENER))
        trip.organisations.add(OrganisationFactory(role=Organisation.Role.FUNDER))
        DelegateFactory.create_batch(2, trip=trip)
        RecommendationFactory.create_batch(3, site_visit=visit)
        for extra_visit in SiteVisitFactory.create_batch(2, trip=trip):
            RecommendationFactory.create_batch(3, site_visit=extra_visit)
        event = EventFactory(trips=[trip, other_trip])
        EventDocumentFactory.create_batch(2, event=world["event"])
        EventDocumentFactory(event=event)


PAGES = {
    "index": lambda w: reverse("exchange:index"),
    "partners": lambda w: reverse("exchange:partners"),
    "trip": lambda w: w["trip"].get_absolute_url(),
    "site-visit": lambda w: w["visit"].get_absolute_url(),
    "recommendation": lambda w: w["recommendation"].get_absolute_url(),
    "track": lambda w: w["track"].get_absolute_url(),
    "event": lambda w: w["event"].get_absolute_url(),
    "events": lambda w: reverse("exchange:events"),
    "calendar": lambda w: reverse("exchange:calendar"),
    "event-calendar": lambda w: w["event"].get_calendar_url(),
}


def count_queries(client, url):
    cache.clear()  # the page's whole render: nothing kept from the last one
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("page", PAGES)
def test_query_count_is_small_and_does_not_grow_with_rows(
    client, world, page, django_assert_max_num_queries
):
    url = PAGES[page](world)
    grow(world, 1)
    with django_assert_max_num_queries(MAX_QUERIES):
        small = count_queries(client, url)
    grow(world, 9)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = count_queries(client, url)
    assert large == small
