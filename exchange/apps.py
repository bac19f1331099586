from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = "Knowledge exchange"

    def ready(self):
        from cleanindustry import search

        from .models import (
            CollaborationTrack,
            Component,
            Event,
            Organisation,
            Recommendation,
            SiteVisit,
            Trip,
        )

        search.register(Component, label="Exchange programme")
        search.register(Trip, label="Trips")
        search.register(SiteVisit, label="Site visits")
        search.register(Recommendation, label="Recommendations to companies")
        search.register(CollaborationTrack, label="Peer-to-peer learning")
        search.register(Event, label="Events")
        search.register(
            Organisation, label="Partners", title="name", summary="description", body=None
        )
