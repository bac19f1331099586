"""EXAMPLE exchange records for development and benchmarks; every title starts with "Example"."""

import datetime

from django.utils import timezone

from publishing.models import Publishable

from .models import Delegate, Event, EventDocument, Organisation, Recommendation, SiteVisit, Trip

PUBLISHED = Publishable.Status.PUBLISHED
VISITS_PER_TRIP = 10
RECOMMENDATIONS_PER_VISIT = 3
DELEGATES_PER_TRIP = 5
EXAMPLE_PAST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def create(scale: int = 1) -> int:
    """Make `scale` example trips, each with delegates, a host company, visits and advice."""
    now = timezone.now()
    # Numbering continues from earlier runs so that slugs stay unique.
    offset = Trip.objects.filter(slug__startswith="example-trip-").count()
    created = 0
    for n in range(offset + 1, offset + scale + 1):
        company = Organisation.objects.create(
            name=f"Example company {n}",
            slug=f"example-company-{n}",
            role=Organisation.Role.PARTICIPANT,
            kind=Organisation.Kind.BUSINESS,
            country="",
            description="An example record for development; not a real organisation.",
            status=PUBLISHED,
        )
        trip = Trip.objects.create(
            title=f"Example trip {n}",
            slug=f"example-trip-{n}",
            direction=Trip.Direction.INBOUND,
            start_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
            destination="Example city",
            summary="An example trip for development; not a real event.",
            status=PUBLISHED,
        )
        trip.organisations.add(company)
        Delegate.objects.bulk_create(
            Delegate(trip=trip, name=f"Example delegate {n}.{d}", order=d)
            for d in range(1, DELEGATES_PER_TRIP + 1)
        )
        SiteVisit.objects.bulk_create(
            SiteVisit(
                trip=trip,
                host=company,
                title=f"Example site visit {n}.{v}",
                date=trip.start_date + datetime.timedelta(days=v),
                slug=f"example-site-visit-{n}-{v}",
                industry="Example industry",
                summary="An example site visit for development.",
                status=PUBLISHED,
                published_at=now,
            )
            for v in range(1, VISITS_PER_TRIP + 1)
        )
        # Fetch the visits back: not every database returns primary keys from bulk_create.
        visits = list(SiteVisit.objects.filter(trip=trip).order_by("pk"))
        recommendations = Recommendation.objects.bulk_create(
            Recommendation(
                site_visit=visit,
                title=f"Example recommendation {n}.{v}.{r}",
                slug=f"example-recommendation-{n}-{v}-{r}",
                summary="An example recommendation for development.",
                order=r,
                status=PUBLISHED,
                published_at=now,
            )
            for v, visit in enumerate(visits, start=1)
            for r in range(1, RECOMMENDATIONS_PER_VISIT + 1)
        )
        event = Event(
            title=f"Example event {n}",
            slug=f"example-event-{n}",
            kind=Event.Kind.MEETING,
            venue="Example venue",
            summary="An example event for development.",
            status=PUBLISHED,
        )
        # Every other one to come, the rest past: both lists of /events/ fill up.
        day = (
            now + datetime.timedelta(days=n) if n % 2 else EXAMPLE_PAST + datetime.timedelta(days=n)
        )
        event.set_dates(timezone.localdate(day), datetime.time(18), end_time=datetime.time(20))
        event.save()
        event.trips.add(trip)
        EventDocument.objects.bulk_create(
            EventDocument(
                event=event,
                kind=kind,
                title=f"Example {kind} {n}",
                html_version=f"<p>Example {kind} text.</p>",
                order=order,
                status=PUBLISHED,
                published_at=now,
            )
            for order, kind in enumerate(EventDocument.Kind.values)
        )
        # The company, the trip, the event and its documents, plus the bulk-created rows.
        created += 3 + len(EventDocument.Kind.values)
        created += DELEGATES_PER_TRIP + len(visits) + len(recommendations)
    return created
