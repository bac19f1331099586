from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Helpers every app shares (charts, translated fields, uploads, logs, the page cache).
    Installed for its template tags; it has no models and names no app."""

    name = "core"
    verbose_name = "Core"
