from decimal import Decimal

import factory

from assessment import models
from publishing.models import Publishable

PUBLISHED = Publishable.Status.PUBLISHED


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    title = factory.Sequence(lambda n: f"Source {n}")
    publisher = "City of Portland"


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Sector

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")
    status = PUBLISHED


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Finding
        skip_postgeneration_save = True

    kind = models.Finding.Kind.LANDSCAPE
    title = factory.Sequence(lambda n: f"Finding {n}")
    slug = factory.Sequence(lambda n: f"finding-{n}")
    summary = "What the assessment found."
    status = PUBLISHED

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create and extracted:
            self.sources.set(extracted)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Indicator

    finding = factory.SubFactory(FindingFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    slug = factory.Sequence(lambda n: f"indicator-{n}")
    value = Decimal("12.50")
    unit = "%"
    year = 2021
    source = factory.SubFactory(SourceFactory)
    status = PUBLISHED


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Report

    title = factory.Sequence(lambda n: f"Report {n}")
    slug = factory.Sequence(lambda n: f"report-{n}")
    summary = "What the report covers."
    status = PUBLISHED
