from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.loading import app_modules
from search import index


class Command(BaseCommand):
    help = (
        "Create clearly labelled EXAMPLE records for development and benchmarks "
        "(every title starts with 'Example'). Never run it on the public site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiplies the record counts.")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off (benchmarks on production settings).",
        )

    def handle(self, *args, scale, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off: this looks like a real site. Pass --allow-production to seed anyway."
            )
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        # The demo modules bulk_create (no signals): the search index is rebuilt at the end.
        with transaction.atomic(), index.deferred():
            for app_config, module in app_modules("demo"):
                created = module.create(scale=scale)
                self.stdout.write(f"{app_config.label}: {created} example records")
