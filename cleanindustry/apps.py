from django.apps import AppConfig


class CleanIndustryConfig(AppConfig):
    name = "cleanindustry"
    verbose_name = "Site"
