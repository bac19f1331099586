"""Public pages of the Portland-Denmark exchange.

Every queryset fetches what its template shows up front (select_related / Prefetch), so a
page runs the same handful of queries however many trips, visits or recommendations exist.
"""

from django.db.models import Prefetch
from django.views.generic import TemplateView

from cleanindustry.preview import PreviewDetailView, published_answering_actions

from .models import (
    CollaborationTrack,
    Component,
    Delegate,
    Event,
    Organisation,
    Recommendation,
    SiteVisit,
    Trip,
)


def group_by_role(organisations):
    """Organisations as [(role value, role label, [organisations])] in the Role choices' order."""
    groups = {role: [] for role in Organisation.Role.values}
    for organisation in organisations:
        groups.setdefault(organisation.role, []).append(organisation)
    labels = dict(Organisation.Role.choices)
    return [(role, labels.get(role, role), orgs) for role, orgs in groups.items() if orgs]


def published_tracks():
    return CollaborationTrack.objects.published().select_related("host")


def published_events():
    return Event.objects.published()


class BreadcrumbsMixin:
    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=True, **kwargs)


class PublishedDetailView(BreadcrumbsMixin, PreviewDetailView):
    """Staff also see drafts, so the admin's "View on site" works as a preview."""


class ExchangeIndexView(BreadcrumbsMixin, TemplateView):
    template_name = "exchange/index.html"

    def get_context_data(self, **kwargs):
        components = Component.objects.published().prefetch_related(
            Prefetch("trips", Trip.objects.published()),
            Prefetch("tracks", published_tracks()),
        )
        return super().get_context_data(
            components=components,
            # A trip staff have not placed in a component must still be reachable.
            other_trips=Trip.objects.published().filter(component__isnull=True),
            tracks=published_tracks(),
            events=published_events(),
            organisation_groups=group_by_role(Organisation.objects.published()),
            **kwargs,
        )


class TripDetailView(PublishedDetailView):
    context_object_name = "trip"
    queryset = Trip.objects.select_related("component", "image").prefetch_related(
        Prefetch("delegates", Delegate.objects.select_related("organisation")),
        Prefetch(
            "site_visits",
            SiteVisit.objects.published()
            .select_related("host")
            .prefetch_related(Prefetch("recommendations", Recommendation.objects.published())),
        ),
        Prefetch("events", published_events()),
        Prefetch("organisations", Organisation.objects.published()),
    )


class SiteVisitDetailView(PublishedDetailView):
    context_object_name = "visit"
    published_lookups = ["status", "trip__status"]
    queryset = SiteVisit.objects.select_related("trip", "host").prefetch_related(
        Prefetch("recommendations", Recommendation.objects.published())
    )


class RecommendationDetailView(PublishedDetailView):
    context_object_name = "recommendation"
    published_lookups = ["status", "site_visit__status", "site_visit__trip__status"]

    def get_queryset(self):
        self.queryset = Recommendation.objects.select_related(
            "site_visit__trip", "site_visit__host"
        )
        if actions := published_answering_actions(Recommendation):
            self.queryset = self.queryset.prefetch_related(actions)
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        # The other advice from the same visit, for readers who arrive from a search.
        siblings = (
            Recommendation.objects.published()
            .filter(site_visit=self.object.site_visit_id)
            .exclude(pk=self.object.pk)
        )
        return super().get_context_data(other_recommendations=siblings, **kwargs)


class TrackDetailView(PublishedDetailView):
    context_object_name = "track"
    queryset = CollaborationTrack.objects.select_related("host", "component")

    def get_context_data(self, **kwargs):
        others = published_tracks().exclude(pk=self.object.pk)
        return super().get_context_data(other_tracks=others, **kwargs)


class EventDetailView(PublishedDetailView):
    context_object_name = "event"
    queryset = Event.objects.prefetch_related(Prefetch("trips", Trip.objects.published()))


class PartnersView(BreadcrumbsMixin, TemplateView):
    template_name = "exchange/partners.html"

    def get_context_data(self, **kwargs):
        organisations = Organisation.objects.published().prefetch_related(
            Prefetch("trips", Trip.objects.published()),
            Prefetch("hosted_tracks", CollaborationTrack.objects.published()),
        )
        return super().get_context_data(organisation_groups=group_by_role(organisations), **kwargs)
