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

        from search import registry

        from .models import Page, PageSection

        registry.register(Page, label=_("Pages"), body=None)
        registry.register(
            PageSection,
            label=_("Page sections"),
            title="heading",
            summary=None,
            parents=("page",),  # its address and visibility are the page's
            public=lambda: PageSection.objects.filter(
                page__status=Page.Status.PUBLISHED
            ).select_related("page"),
        )
