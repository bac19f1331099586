from django.core.management.base import BaseCommand, CommandError

from subscriptions import services
from subscriptions.models import Update


class Command(BaseCommand):
    help = (
        "Send an email update to its topics' confirmed subscribers. Safe to run again: "
        "a sent update sends nothing, an interrupted one resumes with the rows still unsent."
    )

    def add_arguments(self, parser):
        parser.add_argument("pk", type=int)

    def handle(self, *args, pk, **options):
        update = Update.objects.filter(pk=pk).first()
        if update is None:
            raise CommandError(f"No update with id {pk}.")
        batches = services.send_update(update=update)
        p = services.progress(update=update)
        self.stdout.write(
            f"{update}: {update.get_status_display().lower()}; {batches} batch task(s) enqueued; "
            f"{p['sent']} sent, {p['remaining']} remaining, {p['failed']} failed"
        )
