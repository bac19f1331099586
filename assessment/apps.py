from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = "Clean Industry Assessment"

    def ready(self):
        from cleanindustry import search

        from .models import Finding, Report

        search.register(Finding, label="Assessment findings")
        search.register(Report, label="Reports", body=None)
