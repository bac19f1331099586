from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Roadmap")

    def ready(self):
        from publishing import services as publishing
        from search import registry

        from .models import Action, Theme

        registry.register(Action, label=_("Roadmap actions"))
        registry.register(Theme, label=_("Roadmap themes"), summary="description", body=None)
        publishing.register_content(*self.get_models())  # what staff edit
        post_save.connect(_sync_follow_topic, sender=Action, dispatch_uid="roadmap.follow_topic")


def _sync_follow_topic(sender, instance, raw=False, **kwargs):
    if not raw:  # not while loading fixtures
        from .services import sync_follow_topic

        sync_follow_topic(action=instance)
