"""Run the daily list care now (Celery beat runs it at 03:30): see services/retention.py."""

from django.core.management.base import BaseCommand

from subscriptions import services


class Command(BaseCommand):
    help = (
        "Purge unconfirmed sign-ups, erase addresses unsubscribed from everything for "
        "SUBSCRIPTIONS_ERASE_AFTER_DAYS (keeping a salted hash on the suppression list), and "
        "anonymise deliveries older than SUBSCRIPTIONS_DELIVERY_ADDRESS_DAYS."
    )

    def handle(self, *args, **options):
        for what, count in services.care_for_list().items():
            self.stdout.write(f"{count} {what}")
