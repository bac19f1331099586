from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Knowledge exchange")

    def ready(self):
        from publishing import changes
        from publishing import services as publishing
        from search import registry

        from .models import (
            CollaborationTrack,
            Component,
            Event,
            Organisation,
            Recommendation,
            SiteVisit,
            Trip,
        )

        registry.register(Component, label=_("Exchange programme"))
        registry.register(Trip, label=_("Trips"))
        registry.register(SiteVisit, label=_("Site visits"))
        registry.register(Recommendation, label=_("Recommendations to companies"))
        registry.register(CollaborationTrack, label=_("Peer-to-peer learning"))
        registry.register(Event, label=_("Events"))
        registry.register(
            Organisation, label=_("Partners"), title="name", summary="description", body=None
        )
        publishing.register_content(*self.get_models())  # what staff edit
        # The pages that list their major changes ("See all updates").
        changes.register(Trip, SiteVisit, Recommendation, CollaborationTrack, Event)
        # Every save of an event, a restore's too, counts its changes for calendar apps.
        pre_save.connect(
            lambda sender, instance, **kwargs: instance.count_schedule_change(),
            sender=Event,
            dispatch_uid="exchange.event.count_schedule_change",
            weak=False,
        )
