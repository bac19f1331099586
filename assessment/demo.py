"""Example assessment records for development and benchmarks: every title starts with "Example"."""

import uuid
from decimal import Decimal

from django.utils import timezone

from .models import Finding, Indicator, Report, Sector, Source

PUBLISHED = Finding.Status.PUBLISHED


def create(scale: int = 1) -> int:
    # A fresh token per run keeps slugs unique however often the command is run.
    run = uuid.uuid4().hex[:8]
    now = timezone.now()  # bulk_create skips Publishable.save(), which stamps this
    kinds = list(Finding.Kind)

    source = Source.objects.create(title=f"Example dataset {run}", publisher="Example publisher")
    sectors = Sector.objects.bulk_create(
        Sector(
            name=f"Example sector {run}-{i}",
            slug=f"example-sector-{run}-{i}",
            status=PUBLISHED,
            published_at=now,
        )
        for i in range(3)
    )
    findings = Finding.objects.bulk_create(
        Finding(
            kind=kinds[i % len(kinds)],
            title=f"Example finding {i + 1} ({run})",
            slug=f"example-finding-{run}-{i}",
            summary="An example finding created for development. It is not real content.",
            body="<p>Example body text.</p>",
            sector=sectors[i % len(sectors)],
            order=i,
            status=PUBLISHED,
            published_at=now,
        )
        for i in range(20 * scale)
    )
    Finding.sources.through.objects.bulk_create(
        Finding.sources.through(finding_id=finding.pk, source_id=source.pk) for finding in findings
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            finding=finding,
            name=f"Example figure {i + 1} ({run})",
            slug=f"example-figure-{run}-{i}",
            value=Decimal(10 + i),
            unit="%" if i % 2 else "jobs",
            year=2020 + i % 4,
            approximate=bool(i % 3),
            source=source,
            status=PUBLISHED,
            published_at=now,
        )
        for i, finding in enumerate(findings[::2])
    )
    report = Report.objects.create(
        title=f"Example report ({run})",
        slug=f"example-report-{run}",
        summary="An example report created for development. It is not real content.",
        status=PUBLISHED,
    )
    report.findings.set(findings[:5])
    return 1 + len(sectors) + len(findings) + len(indicators) + 1
