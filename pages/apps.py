from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The site shell's own content: home, About and other pages, the contact inbox."""

    name = "pages"
    verbose_name = _("Site")

    def ready(self):
        from publishing import changes
        from publishing import services as publishing
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
        publishing.register_content(Page, PageSection)  # not the contact inbox
        changes.register(Page)  # its page lists its major changes ("See all updates")

    def staff_permissions(self) -> dict:
        """Staff answer the contact inbox: both roles read its messages and mark them answered
        (accounts.roles asks every app)."""
        contact = self.get_model("ContactMessage")
        rights = [(contact, "view_contactmessage"), (contact, "change_contactmessage")]
        return {"Editors": rights, "Publishers": rights}
