from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Knowledge exchange")

    def ready(self):
        from pages import front
        from publishing import changes
        from publishing import services as publishing
        from search import registry

        from . import views
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
        front.register(views.front_page)  # the next event on the home page
        # The pages that list their major changes ("See all updates").
        # (A visit's or recommendation's page is public once what it belongs to is too.)
        changes.register(Trip, CollaborationTrack, Event)
        changes.register(SiteVisit, parents=("trip",))
        changes.register(Recommendation, parents=("site_visit", "site_visit__trip"))
        # Every save of an event, a restore's too, counts its changes for calendar apps.
        pre_save.connect(
            lambda sender, instance, **kwargs: instance.count_schedule_change(),
            sender=Event,
            dispatch_uid="exchange.event.count_schedule_change",
            weak=False,
        )
