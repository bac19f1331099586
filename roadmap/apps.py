from django.apps import AppConfig
from django.db.models.signals import post_save


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = "Roadmap"

    def ready(self):
        from cleanindustry import search

        from .models import Action, Theme

        search.register(Action, label="Roadmap actions")
        search.register(Theme, label="Roadmap themes", summary="description", body=None)
        post_save.connect(_sync_follow_topic, sender=Action, dispatch_uid="roadmap.follow_topic")


def _sync_follow_topic(sender, instance, raw=False, **kwargs):
    if not raw:  # not while loading fixtures
        from .services import sync_follow_topic

        sync_follow_topic(action=instance)
