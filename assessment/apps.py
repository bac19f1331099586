from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Clean Industry Assessment")

    def ready(self):
        from publishing import services as publishing
        from search import registry

        from .models import Finding, Report

        registry.register(Finding, label=_("Assessment findings"))
        registry.register(Report, label=_("Reports"), body=None)
        publishing.register_content(*self.get_models())  # what staff edit
