from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Roadmap")

    def ready(self):
        from pages import front
        from publishing import changes
        from publishing import services as publishing
        from search import registry
        from subscriptions import services as updates

        from . import history, services, views
        from .models import Action, Theme

        registry.register(Action, label=_("Roadmap actions"))
        registry.register(Theme, label=_("Roadmap themes"), summary="description", body=None)
        publishing.register_content(*self.get_models())  # what staff edit
        post_save.connect(_sync_follow_topic, sender=Action, dispatch_uid="roadmap.follow_topic")
        history.connect_signals()  # status changes and moved target dates, by any route
        # An action's page lists its major changes; its followers may be emailed about one,
        # and the feeds of its topic and the roadmap's carry them.
        changes.register(Action, tell_followers=services.email_major_change, parents=("theme",))
        updates.register_topic_content(services.followed_actions)
        front.register(views.front_page)  # the roadmap at a glance on the home page


def _sync_follow_topic(sender, instance, raw=False, **kwargs):
    if not raw:  # not while loading fixtures
        from .services import sync_follow_topic

        sync_follow_topic(action=instance)
