from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from core.loading import LoadReport, app_modules
from search import index


class Command(BaseCommand):
    help = (
        "Load the Clean Industry Initiative's own content (the About and Exchange pages' facts). "
        "Safe to run again: it creates only what is missing and never overwrites an edit."
    )

    def handle(self, *args, **options):
        report = LoadReport()
        # English is what `title=` means in the content modules, whatever the shell's language.
        # The search index is rebuilt once at the end (also filling it on a database migrated
        # before the index existed: this runs on every deploy).
        with transaction.atomic(), translation.override("en"), index.deferred():
            for _, module in app_modules("content"):
                if hasattr(module, "load"):
                    module.load(report)
        for label in report.created:
            self.stdout.write(f"  created {label}", style_func=self.style.SUCCESS)
        for label in report.translated:
            self.stdout.write(f"  added Spanish to {label}", style_func=self.style.SUCCESS)
        self.stdout.write(f"Initiative content: {report}")
