import datetime

import factory

from publishing.models import Publishable
from roadmap import models
from tests.exchange import factories as exchange_factories

PUBLISHED = Publishable.Status.PUBLISHED


class OrganisationFactory(exchange_factories.OrganisationFactory):
    class Meta:
        django_get_or_create = ["slug"]


class CollaborationTrackFactory(exchange_factories.CollaborationTrackFactory):
    class Meta:
        django_get_or_create = ["slug"]


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
