from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Clean Industry Assessment")

    def ready(self):
        from cleanindustry import search

        from .models import Finding, Report

        search.register(Finding, label=_("Assessment findings"))
        search.register(Report, label=_("Reports"), body=None)
