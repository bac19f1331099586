from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"

    def ready(self):
        from . import services

        # The publishing right and delete permissions, on every route to a save or delete.
        services.connect_signals()
