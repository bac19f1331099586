"""Celery tasks: each loads ids, calls one service and owns its retries."""

import logging
from smtplib import SMTPException

from anymail.exceptions import AnymailRecipientsRefused
from celery import shared_task
from django.conf import settings

from . import emails, outbox, rate, services
from .models import Subscriber, Update

logger = logging.getLogger(__name__)


class SendingFailed(Exception):
    """A mail server's refusal or a lost connection, told without the address: an SMTP error
    names the recipient (or echoes it in the server's reply), and Celery logs the error of
    every retry and of the final failure."""


MAIL_RETRY = {
    "autoretry_for": (SendingFailed,),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "max_retries": 8,
}


def _send(message, subscriber: Subscriber, *, for_sign_up: bool = False) -> None:
    """Send one email about `subscriber`, unless the address it goes to is suppressed (mostly
    theirs; a change of address also writes to the new one and the old one). A refusal of the
    address for good (a 5xx answer to it) suppresses it, as in a send of an update, and is
    not retried. `for_sign_up`: a link its owner asked for, to confirm the address (see
    suppression.may_send)."""
    (address,) = message.to
    if not services.may_send(address, for_sign_up=for_sign_up):
        logger.info("Subscriber %s: the address is suppressed, nothing sent", subscriber.pk)
        return
    # These count against the provider's quota too, and wait out its pause (as retries).
    limiter = rate.limiter()
    try:
        with limiter.slot():
            message.send()
    except rate.Paused:
        raise SendingFailed(f"Sending is paused: emailing subscriber {subscriber.pk}") from None
    except (SMTPException, OSError, AnymailRecipientsRefused) as error:
        if services.refused_for_good(error):
            services.suppress_refused(address, error)
            logger.warning("Subscriber %s's address was refused: suppressed", subscriber.pk)
            return
        code = services.smtp_code(error)
        if services.is_slow_down(error):
            limiter.pause(settings.SUBSCRIPTIONS_RETRY_BASE_SECONDS)
        # `from None`: the original error, address and all, is not chained into the traceback.
        raise SendingFailed(
            f"{type(error).__name__} (SMTP {code or '-'}) emailing subscriber {subscriber.pk}"
        ) from None


def _subscriber(subscriber_id: int) -> Subscriber | None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        logger.info("Subscriber %s is gone (deleted or purged): nothing to send", subscriber_id)
    return subscriber


@shared_task(**MAIL_RETRY)
def send_confirmation(subscriber_id: int, sign_up: dict | None = None) -> None:
    subscriber = _subscriber(subscriber_id)
    if subscriber and subscriber.status != Subscriber.Status.CONFIRMED:
        sign_up = sign_up or services.sign_up_of(subscriber)  # one queued by an older release
        code = services.confirmation_code(subscriber, sign_up)
        _send(emails.confirmation(subscriber, code), subscriber, for_sign_up=True)


@shared_task(**MAIL_RETRY)
def send_already_subscribed(subscriber_id: int) -> None:
    subscriber = _subscriber(subscriber_id)
    if subscriber and subscriber.status == Subscriber.Status.CONFIRMED:
        _send(emails.already_subscribed(subscriber), subscriber)


@shared_task(**MAIL_RETRY)
def send_welcome(subscriber_id: int) -> None:
    subscriber = _subscriber(subscriber_id)
    if subscriber and subscriber.status == Subscriber.Status.CONFIRMED:
        _send(emails.welcome(subscriber), subscriber)


@shared_task(**MAIL_RETRY)
def send_new_link(subscriber_id: int) -> None:
    subscriber = _subscriber(subscriber_id)
    if subscriber:
        _send(emails.new_link(subscriber), subscriber)


@shared_task(**MAIL_RETRY)
def send_delivery_trouble(subscriber_id: int) -> None:
    subscriber = _subscriber(subscriber_id)
    if subscriber and subscriber.status == Subscriber.Status.CONFIRMED:
        _send(emails.delivery_trouble(subscriber), subscriber)


@shared_task(**MAIL_RETRY)
def send_email_change_link(subscriber_id: int, new_email: str) -> None:
    subscriber = _subscriber(subscriber_id)
    if subscriber:
        code = services.change_email_code(subscriber, new_email)
        _send(emails.change_email_link(subscriber, new_email, code), subscriber, for_sign_up=True)


@shared_task(**MAIL_RETRY)
def send_email_taken(subscriber_id: int, new_email: str) -> None:
    subscriber = _subscriber(subscriber_id)
    if subscriber:
        _send(emails.email_taken(subscriber, new_email), subscriber)


@shared_task(**MAIL_RETRY)
def send_email_changed(subscriber_id: int, old_email: str) -> None:
    subscriber = _subscriber(subscriber_id)
    if subscriber:
        _send(emails.email_changed(subscriber, old_email), subscriber)


@shared_task
def start_update(update_id: int) -> None:
    update = Update.objects.filter(pk=update_id).first()
    if update is not None:
        services.send_update(update=update)


@shared_task(bind=True, max_retries=20)
def send_batch(self, update_id: int) -> None:
    """Send one claimed batch; come back when rows put back for a 4xx answer are due.

    Rows are the unit of work, not this task: a duplicate or lost task message changes
    nothing, because every run claims whatever rows are free (see services/sending.py)."""
    retry_in = services.send_next_batch(update_id=update_id)
    if retry_in is not None:
        raise self.retry(countdown=retry_in)


@shared_task
def send_due_updates() -> None:
    services.send_due_updates()


@shared_task
def send_weekly_digest() -> None:
    services.send_weekly_digest()


@shared_task
def send_owed_emails() -> None:
    """Emails whose sign-up (or confirmation) committed while the broker was down."""
    outbox.hand_over_owed()


@shared_task
def purge_unconfirmed() -> None:
    """Kept for a message queued before list care took it over (care_for_list)."""
    deleted = services.purge_unconfirmed()
    logger.info("Purged %s unconfirmed sign-ups", deleted)


@shared_task
def care_for_list() -> None:
    """Daily: unconfirmed sign-ups purged, unsubscribed addresses erased, old deliveries
    anonymised (services/retention.py)."""
    done = services.care_for_list()
    logger.info("List care: %s", ", ".join(f"{n} {what}" for what, n in done.items()))
