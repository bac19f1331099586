from django.apps import AppConfig


class CleanIndustryConfig(AppConfig):
    """The project's wiring; installed for its migrations (the site shell's history)."""

    name = "cleanindustry"
