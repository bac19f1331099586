from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CleanIndustryConfig(AppConfig):
    name = "cleanindustry"
    verbose_name = _("Site")

    def ready(self):
        from accounts import roles
        from publishing import services as publishing

        # The publishing right and delete permissions, on every route to a save or delete.
        publishing.connect_signals(roles.content_models())

        from core.cache import connect_signals

        connect_signals()  # any change to content makes every cached page stale
