import pytest

from exchange import demo
from exchange.models import (
    Delegate,
    Event,
    EventDocument,
    Organisation,
    Recommendation,
    SiteVisit,
    Trip,
)

pytestmark = pytest.mark.django_db


def test_creates_labelled_examples_scaled_by_n():
    created = demo.create(scale=2)
    assert SiteVisit.objects.count() == 2 * demo.VISITS_PER_TRIP
    assert Recommendation.objects.count() == 2 * demo.VISITS_PER_TRIP * 3
    models = [Trip, Organisation, Event, EventDocument, SiteVisit, Recommendation, Delegate]
    assert created == sum(model.objects.count() for model in models)
    assert Delegate.objects.count() == 2 * demo.DELEGATES_PER_TRIP
    for model in [Trip, SiteVisit, Recommendation, Event]:
        assert not model.objects.exclude(title__startswith="Example").exists()
    assert not Organisation.objects.exclude(name__startswith="Example").exists()
    assert not Recommendation.objects.exclude(status="published").exists()
    assert Recommendation.objects.filter(published_at__isnull=True).count() == 0
    # Examples to come and past, each with its agenda and materials.
    assert Event.objects.upcoming().count() == Event.objects.past().count() == 1
    assert EventDocument.objects.filter(event__slug="example-event-1").count() == 3


def test_a_rerun_adds_more_with_fresh_slugs(client):
    demo.create(scale=1)
    demo.create(scale=1)
    assert Trip.objects.count() == 2
    assert SiteVisit.objects.count() == 2 * demo.VISITS_PER_TRIP
    trip = Trip.objects.last()
    assert client.get(trip.get_absolute_url()).status_code == 200
