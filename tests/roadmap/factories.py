import datetime

import factory

from cleanindustry.models import Publishable
from exchange import models as exchange
from roadmap import models

PUBLISHED = Publishable.Status.PUBLISHED


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchange.Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    role = exchange.Organisation.Role.PARTNER
    kind = exchange.Organisation.Kind.NONPROFIT
    status = PUBLISHED


class CollaborationTrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchange.CollaborationTrack
        django_get_or_create = ["slug"]

    kind = exchange.CollaborationTrack.Kind.GOVERNMENT
    title = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.Sequence(lambda n: f"track-{n}")
    summary = "Peer-to-peer learning."
    status = PUBLISHED


class TripFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchange.Trip

    title = factory.Sequence(lambda n: f"Trip {n}")
    slug = factory.Sequence(lambda n: f"trip-{n}")
    direction = exchange.Trip.Direction.INBOUND
    start_date = datetime.date(2022, 10, 1)
    destination = "Portland"
    summary = "Who came and why."
    status = PUBLISHED


class SiteVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchange.SiteVisit

    trip = factory.SubFactory(TripFactory)
    title = factory.Sequence(lambda n: f"Site visit {n}")
    slug = factory.Sequence(lambda n: f"site-visit-{n}")
    summary = "What the experts saw."
    status = PUBLISHED


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchange.Recommendation

    site_visit = factory.SubFactory(SiteVisitFactory)
    title = factory.Sequence(lambda n: f"Recommendation {n}")
    slug = factory.Sequence(lambda n: f"recommendation-{n}")
    summary = "What the experts advised."
    status = PUBLISHED


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Theme

    title = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    status = PUBLISHED


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Action
        skip_postgeneration_save = True

    theme = factory.SubFactory(ThemeFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    slug = factory.Sequence(lambda n: f"action-{n}")
    summary = "What this next step does."
    progress = models.Action.Progress.PLANNED
    status = PUBLISHED

    @factory.post_generation
    def findings(self, create, extracted, **kwargs):
        if create and extracted:
            self.findings.set(extracted)

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)

    @factory.post_generation
    def recommendations(self, create, extracted, **kwargs):
        if create and extracted:
            self.recommendations.set(extracted)

    @factory.post_generation
    def tracks(self, create, extracted, **kwargs):
        if create and extracted:
            self.tracks.set(extracted)


class ProgressNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProgressNote

    action = factory.SubFactory(ActionFactory)
    date = datetime.date(2023, 3, 14)
    progress = models.Action.Progress.IN_PROGRESS
    text = "What happened."
