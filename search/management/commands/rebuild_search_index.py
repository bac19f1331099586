from django.core.management.base import BaseCommand

from search import index
from search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Rebuild site search's index from the public content, in one transaction. Safe to run "
        "again. Saves keep the index current; run this after changing content without signals "
        "(QuerySet.update(), a data migration) or after adding a content language."
    )

    def handle(self, *args, **options):
        index.rebuild()
        count = SearchDocument.objects.count()
        self.stdout.write(f"Search index: {count} documents.", style_func=self.style.SUCCESS)
