from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Window
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from .models import ContactMessage


def receive_contact_message(*, name: str, email: str, subject: str, message: str) -> ContactMessage:
    """Store the message first (nothing is lost if mail is down), then tell staff after commit."""
    contact = ContactMessage.objects.create(
        name=name, email=email, subject=subject, message=message
    )
    transaction.on_commit(lambda: notify_staff_of_contact(contact_id=contact.pk))
    return contact


def notify_staff_of_contact(*, contact_id: int) -> None:
    contact = ContactMessage.objects.get(pk=contact_id)
    context = {"contact": contact, "SITE_URL": settings.SITE_URL}
    # Staff read English, whatever language the message was sent from.
    with translation.override("en"):
        send_mail(
            subject=gettext("[%(site)s] Contact: %(subject)s")
            % {"site": gettext(settings.SITE_NAME), "subject": contact.subject},
            message=render_to_string("pages/email/contact_notification.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=settings.STAFF_NOTIFICATION_EMAILS,
        )
    ContactMessage.objects.filter(pk=contact.pk).update(notified_at=timezone.now())


def unanswered(*, limit: int) -> tuple[list[ContactMessage], int]:
    """The oldest `limit` contact messages nobody has answered yet, and how many there are."""
    waiting = ContactMessage.objects.filter(status=ContactMessage.Status.NEW)
    rows = list(waiting.annotate(in_all=Window(Count("pk"))).order_by("created_at", "pk")[:limit])
    return rows, (rows[0].in_all if rows else 0)


def mark_answered(contact: ContactMessage, *, user, now=None) -> ContactMessage:
    """Staff answered `contact` (by email, by phone): it leaves the list of those waiting."""
    contact.status = ContactMessage.Status.ANSWERED
    contact.answered_at = now or timezone.now()
    contact.answered_by = user
    contact.save(update_fields=["status", "answered_at", "answered_by", "updated_at"])
    return contact
