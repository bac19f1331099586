from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = "Roadmap"

    def ready(self):
        from cleanindustry import search

        from .models import Action, Theme

        search.register(Action, label="Roadmap actions")
        search.register(Theme, label="Roadmap themes", summary="description", body=None)
