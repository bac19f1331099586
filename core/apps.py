from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Helpers every app shares (charts, translated fields, uploads, logs, the page cache).
    It has no models and names no app: apps register with it from their own ready()."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import cache

        cache.connect_signals()  # a change to a registered model makes every cached page stale
