from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Clean Industry Assessment")

    def ready(self):
        from pages import front
        from publishing import changes
        from publishing import services as publishing
        from search import registry
        from subscriptions import services as updates

        from . import services, views
        from .models import Finding, Report

        registry.register(Finding, label=_("Assessment findings"))
        registry.register(Report, label=_("Reports"), body=None)
        publishing.register_content(*self.get_models())  # what staff edit
        # A finding's page lists its major changes; the assessment's followers may be emailed
        # about one, and the assessment topic's feed carries them.
        changes.register(Finding, tell_followers=services.email_major_change)
        updates.register_topic_content(services.followed_findings)
        front.register(views.front_page)  # the key figure on the home page
