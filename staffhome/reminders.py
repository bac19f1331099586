"""Weekly reminders to the owners of content due for review (publishing/review.py).

Each owner with something due gets one email listing all of theirs, at most once a week: the
reminder is recorded in the same transaction that sends it, with the owner's row locked, so two
runs at once never both send, and a send that fails records nothing and is tried on the next run.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from publishing import review

from .models import ReviewReminder

logger = logging.getLogger(__name__)
EVERY = timedelta(days=7)


def due_by_owner(*, now=None) -> dict[int, list]:
    """Every item due for review that has an active owner with an email address, by owner id."""
    found: dict[int, list] = {}
    for model in review.reviewable_models():
        rows = review.due(model, now=now).filter(owner__is_active=True).exclude(owner__email="")
        for row in rows:
            found.setdefault(row.owner_id, []).append(row)
    return found


def send_review_reminders(*, now=None) -> int:
    """Email each owner whose content is due and who had no reminder in the last week; return
    how many were sent."""
    now = now or timezone.now()
    sent = 0
    for owner_id, items in due_by_owner(now=now).items():
        try:
            with transaction.atomic():
                owner = get_user_model().objects.select_for_update().get(pk=owner_id)
                if ReviewReminder.objects.filter(owner=owner, sent_at__gt=now - EVERY).exists():
                    continue
                ReviewReminder.objects.create(owner=owner, sent_at=now, items=len(items))
                _send(owner, items)
        except OSError as error:  # smtplib's errors too: the others are still reminded
            logger.warning("Review reminder to user %s not sent: %s", owner_id, error)
            continue
        sent += 1
    return sent


def _send(owner, items) -> None:
    context = {
        "owner": owner,
        "days": review.review_days(),
        "items": [
            {
                "object": item,
                "kind": item._meta.verbose_name,
                "url": settings.SITE_URL
                + reverse(
                    f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk]
                ),
            }
            for item in items
        ],
        "home_url": settings.SITE_URL + reverse("admin:index"),
    }
    # Staff read English, as in the contact inbox's notifications.
    with translation.override("en"):
        subject = ngettext(
            "[%(site)s] %(count)d item of yours is due for review",
            "[%(site)s] %(count)d items of yours are due for review",
            len(items),
        ) % {"site": gettext(settings.SITE_NAME), "count": len(items)}
        send_mail(
            subject=subject,
            message=render_to_string("staffhome/email/review_reminder.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[owner.email],
        )
