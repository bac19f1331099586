import datetime

import factory
from django.utils import timezone

from exchange import models
from publishing.models import Publishable

PUBLISHED = Publishable.Status.PUBLISHED


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    role = models.Organisation.Role.PARTNER
    kind = models.Organisation.Kind.NONPROFIT
    status = PUBLISHED


class ComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Component

    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Component {n}")
    slug = factory.Sequence(lambda n: f"component-{n}")
    summary = "What this component of work does."
    year = 2022
    status = PUBLISHED


class TripFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Trip

    component = factory.SubFactory(ComponentFactory)
    title = factory.Sequence(lambda n: f"Trip {n}")
    slug = factory.Sequence(lambda n: f"trip-{n}")
    direction = models.Trip.Direction.OUTBOUND
    start_date = datetime.date(2022, 6, 1)
    destination = "Denmark"
    summary = "Where the delegation went and why."
    status = PUBLISHED


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Delegate

    trip = factory.SubFactory(TripFactory)
    name = factory.Sequence(lambda n: f"Delegate {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class SiteVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SiteVisit

    trip = factory.SubFactory(TripFactory)
    host = factory.SubFactory(OrganisationFactory, role=models.Organisation.Role.PARTICIPANT)
    title = factory.Sequence(lambda n: f"Site visit {n}")
    slug = factory.Sequence(lambda n: f"site-visit-{n}")
    industry = "Metals"
    summary = "What the experts saw."
    status = PUBLISHED


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Recommendation

    site_visit = factory.SubFactory(SiteVisitFactory)
    title = factory.Sequence(lambda n: f"Recommendation {n}")
    slug = factory.Sequence(lambda n: f"recommendation-{n}")
    summary = "What the experts advised."
    status = PUBLISHED


class CollaborationTrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CollaborationTrack

    component = factory.SubFactory(ComponentFactory)
    # `kind` is unique with three values: a test may create at most three tracks.
    kind = factory.Iterator(models.CollaborationTrack.Kind.values)
    title = factory.LazyAttribute(lambda o: str(models.CollaborationTrack.Kind(o.kind).label))
    slug = factory.LazyAttribute(lambda o: f"track-{o.kind}")
    summary = "Conversations about working together."
    host = factory.SubFactory(OrganisationFactory, role=models.Organisation.Role.HOST)
    status = PUBLISHED


def at(day, time=None):
    """An aware datetime in the portal's time zone (Portland's)."""
    zone = timezone.get_default_timezone()
    return datetime.datetime.combine(day, time or datetime.time(), tzinfo=zone)


class EventFactory(factory.django.DjangoModelFactory):
    """A date-only event on `date` (None: no date on record); give `starts_at` (and `ends_at`,
    `all_day=False`) for one with times."""

    class Meta:
        model = models.Event
        skip_postgeneration_save = True

    class Params:
        date = datetime.date(2023, 1, 10)

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = models.Event.Kind.WORK_SESSION
    starts_at = factory.LazyAttribute(lambda o: at(o.date) if o.date else None)
    ends_at = factory.LazyAttribute(
        lambda o: at(o.date + datetime.timedelta(days=1)) if o.date and o.all_day else None
    )
    all_day = True
    summary = "What the event was for."
    status = PUBLISHED

    @factory.post_generation
    def trips(self, create, extracted, **kwargs):
        if create and extracted:
            self.trips.set(extracted)


class EventDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EventDocument

    event = factory.SubFactory(EventFactory)
    kind = models.EventDocument.Kind.AGENDA
    title = factory.Sequence(lambda n: f"Agenda {n}")
    html_version = "<p>1. Welcome. 2. Findings. 3. Questions.</p>"
    status = PUBLISHED
