from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"

    def ready(self):
        from . import services
        from .models import ChangeNote

        # The publishing right and delete permissions, on every route to a save or delete.
        services.connect_signals()
        # Staff may correct a change note's words; nobody deletes one (accounts.roles).
        services.register_content(ChangeNote)
