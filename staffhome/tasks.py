from celery import shared_task

from . import reminders


@shared_task
def send_review_reminders() -> int:
    return reminders.send_review_reminders()
