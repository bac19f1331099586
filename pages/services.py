from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
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
