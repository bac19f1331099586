from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Helpers every app shares (charts, translated fields, uploads, logs, the page cache).
    It has no models and names no app: apps register with it from their own ready()."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.test.signals import setting_changed

        from . import cache, mail

        cache.connect_signals()  # a change to a registered model makes every cached page stale
        mail.name_message_ids_after_the_sending_domain()
        setting_changed.connect(mail.name_message_ids_after_the_sending_domain)
