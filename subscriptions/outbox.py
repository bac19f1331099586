"""Emails to subscribers that a task queue outage delays but never loses (a transactional
outbox).

A sign-up commits its subscriber, then enqueues the confirmation email. With the broker
(Redis) down, enqueueing fails after the commit: the visitor would see an error for a sign-up
that was saved, and the email would never go. So a service records the email it owes in its
own transaction (an OwedEmail row); after the commit the row is handed to the queue and
deleted. If the queue cannot take it, the row stays, and beat's sweep (`hand_over_owed`,
every minute) hands it over once the broker is back. A task taken by the queue is safe there
(acks late: a lost worker's task is delivered again).
"""

import logging
from datetime import timedelta
from functools import partial

from celery import current_app
from django.db import transaction
from django.utils import timezone

from .models import OwedEmail, Subscriber

logger = logging.getLogger(__name__)

# The sweep leaves a younger row to the commit that wrote it, which is handing it over now.
SWEEP_AFTER = timedelta(minutes=1)


def email_after_commit(task, subscriber: Subscriber, *arguments) -> None:
    """Run `task(subscriber.pk, *arguments)` through the queue once the current transaction
    commits (at once outside one), and later if the queue is unavailable then."""
    owed = OwedEmail.objects.create(subscriber=subscriber, task=task.name, arguments=arguments)
    transaction.on_commit(partial(_hand_over, owed))


def _hand_over(owed: OwedEmail) -> bool:
    try:
        current_app.tasks[owed.task].delay(owed.subscriber_id, *owed.arguments)
    except Exception:  # kombu's OperationalError while the broker is down, or any other:
        # whatever it was, the row stays and the next sweep tries again.
        logger.warning(
            "The task queue did not take %s for subscriber %s: it is sent once it does",
            owed.task, owed.subscriber_id, exc_info=True,
        )  # fmt: skip
        return False
    owed.delete()
    return True


def hand_over_owed(*, now=None) -> int:
    """Hand to the queue the emails whose commit could not (broker down); the number handed."""
    cutoff = (now or timezone.now()) - SWEEP_AFTER
    handed = 0
    with transaction.atomic():  # rows locked: two sweeps never hand one email over twice
        owed_emails = OwedEmail.objects.select_for_update(skip_locked=True).filter(
            created_at__lte=cutoff
        )
        for owed in owed_emails.order_by("pk"):
            if not _hand_over(owed):
                break  # still unavailable: the next sweep tries again
            handed += 1
    return handed
