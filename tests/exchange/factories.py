import datetime

import factory

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


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = models.Event.Kind.WORK_SESSION
    date = datetime.date(2023, 1, 10)
    summary = "What the event was for."
    status = PUBLISHED

    @factory.post_generation
    def trips(self, create, extracted, **kwargs):
        if create and extracted:
            self.trips.set(extracted)
