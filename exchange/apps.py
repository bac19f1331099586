from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Knowledge exchange")

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

        search.register(Component, label=_("Exchange programme"))
        search.register(Trip, label=_("Trips"))
        search.register(SiteVisit, label=_("Site visits"))
        search.register(Recommendation, label=_("Recommendations to companies"))
        search.register(CollaborationTrack, label=_("Peer-to-peer learning"))
        search.register(Event, label=_("Events"))
        search.register(
            Organisation, label=_("Partners"), title="name", summary="description", body=None
        )
