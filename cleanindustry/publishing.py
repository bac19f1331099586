"""Publishing services: the only code that moves content between draft, scheduled and published.

Each one keeps a revision (django-reversion) and, when a person acted, an admin LogEntry, so
the audit log says who published what and when. Permission checks belong to the caller (the
admin checks `cleanindustry.publish_content`); validation (e.g. a report's accessible
version) is the model's `clean`, run here before anything is saved.
"""

import logging

import reversion
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Publishable

logger = logging.getLogger(__name__)

PUBLISH_PERMISSION = "cleanindustry.publish_content"
Status = Publishable.Status


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def log(user, obj, message: str) -> None:
    """An entry in the admin's audit log (django.contrib.admin LogEntry)."""
    if user is not None and user.pk:
        LogEntry.objects.log_actions(
            user.pk, [obj], CHANGE, change_message=message, single_object=True
        )


def _save(obj, *, user, message: str) -> None:
    obj.clean()  # e.g. a report's PDF needs an HTML version or an accessibility review
    with transaction.atomic(), reversion.create_revision():
        obj.save()
        reversion.set_comment(message)
        if user is not None:
            reversion.set_user(user)
        log(user, obj, message)


def publish(obj: Publishable, *, user=None, now=None) -> Publishable:
    now = now or timezone.now()
    obj.status = Status.PUBLISHED
    obj.published_at = obj.published_at or now
    _save(obj, user=user, message="Published.")
    return obj


def unpublish(obj: Publishable, *, user=None) -> Publishable:
    obj.status = Status.DRAFT
    _save(obj, user=user, message="Returned to draft (unpublished).")
    return obj


def schedule(obj: Publishable, *, publish_at, user=None) -> Publishable:
    obj.status = Status.SCHEDULED
    obj.publish_at = publish_at
    _save(obj, user=user, message=f"Scheduled to publish at {publish_at:%Y-%m-%d %H:%M %Z}.")
    return obj


def publishable_models() -> list[type[Publishable]]:
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def publish_due(*, now=None) -> int:
    """Publish every scheduled item whose `publish_at` has passed; return how many."""
    now = now or timezone.now()
    count = 0
    for model in publishable_models():
        for pk in model.objects.due(now).values_list("pk", flat=True):
            with transaction.atomic():
                # Two beat runs never publish the same row twice: the second finds it locked
                # (PostgreSQL) or no longer scheduled.
                obj = model.objects.select_for_update(skip_locked=True).due(now).filter(pk=pk)
                obj = obj.first()
                if obj is None:
                    continue
                try:
                    publish(obj, now=obj.publish_at)
                except ValidationError as error:
                    logger.warning("Not publishing %s %s: %s", model.__name__, pk, error.messages)
                    continue
            count += 1
    return count
