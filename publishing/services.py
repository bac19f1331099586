"""Publishing services: the only code that moves content between draft, scheduled and published.

Each one keeps a revision (django-reversion) and, when a person acted, an admin LogEntry, so
the audit log says who published what and when. Validation (e.g. a report's accessible
version) is the model's `clean`, run here before anything is saved.

The publishing right (`pages.publish_content`) and the delete permissions are
enforced here too, at the model layer, so that no route can go around them: the change form,
admin actions, list edits, a revision restore, a recovery, a command or a task all end in a
save or a delete. While a person acts (`acting_as`, set for every request by
`ActingUserMiddleware`), `guard_save` and `guard_delete` run on every content save and delete:

- someone without the publishing right never changes a row's publishing state. A direct
  attempt is refused; a restore or a recovery (`acting_as(..., restoring=True)`), which
  carries a version's old state along with its old text, keeps each row's current state,
  and a row it brings back from deletion comes back as a draft;
- nobody deletes a row whose model they hold no delete permission for (a restore would
  delete what was added since the version).

Code that runs with nobody acting (the scheduled-publishing task, `load_initiative_content`)
is the system, trusted like the operator who runs it.
"""

import contextvars
import logging
from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import pre_delete, pre_save
from django.utils import timezone
from django.utils.translation import gettext

from core import cache as page_cache

from .models import Publishable

logger = logging.getLogger(__name__)

PUBLISH_PERMISSION = "pages.publish_content"
Status = Publishable.Status


# What a row's publishing state is: the fields only a publisher changes.
PUBLISHING_STATE = ("status", "publish_at", "published_at")
DRAFT_STATE = (Status.DRAFT, None, None)


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def can_delete(user, model) -> bool:
    return user.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}")


# --- The rule, wherever a save or delete comes from ----------------------------------------


@dataclass(frozen=True)
class Actor:
    user: object
    restoring: bool = False


_actor: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("actor", default=None)


@contextmanager
def acting_as(user, *, restoring: bool = False):
    """Saves and deletes inside are `user`'s (a restore or recovery when `restoring`)."""
    token = _actor.set(Actor(user, restoring))
    try:
        yield
    finally:
        _actor.reset(token)


def restoring() -> bool:
    """Whether the saves now running are a revision restore or a recovery."""
    actor = _actor.get()
    return actor is not None and actor.restoring


class ActingUserMiddleware:
    """Every request's saves and deletes are its user's (after AuthenticationMiddleware).

    The user stays lazy: it is looked up only if the request saves or deletes content.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(request.user):
            return self.get_response(request)


class NotPermitted(PermissionDenied):
    """The publishing rule refused a save or a delete; the message says why."""


def _stored_state(obj) -> tuple:
    if obj.pk is None:
        return DRAFT_STATE
    stored = type(obj)._base_manager.filter(pk=obj.pk).values_list(*PUBLISHING_STATE).first()
    return stored or DRAFT_STATE  # a recovered row is new to the table


def guard_save(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of every Publishable: only the publishing right changes a publishing state."""
    actor = _actor.get()
    if actor is None or can_publish(actor.user):
        return
    stored = _stored_state(instance)
    if tuple(getattr(instance, name) for name in PUBLISHING_STATE[:2]) == stored[:2]:
        return
    if not actor.restoring:
        raise NotPermitted(gettext("Only a publisher can publish, unpublish or schedule."))
    # A restore brings back the text, never a publishing state.
    for name, value in zip(PUBLISHING_STATE, stored, strict=True):
        setattr(instance, name, value)


def guard_delete(sender, instance, **kwargs) -> None:
    """pre_delete of every content model: only its delete permission deletes a row."""
    actor = _actor.get()
    if actor is not None and not can_delete(actor.user, sender):
        raise NotPermitted(
            gettext("Only someone who may delete %(things)s can delete “%(thing)s”.")
            % {"things": sender._meta.verbose_name_plural, "thing": instance}
        )


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


# The models staff edit in the admin, registered by their apps (`register_content`).
_content_models: list[type[Model]] = []


def register_content(*models: type[Model]) -> None:
    """Staff edit rows of `models` in the admin; each app registers its own from its
    AppConfig.ready(). Editors and Publishers may add, change and view them (accounts.roles),
    nobody deletes one without its delete permission, and a change makes cached pages stale."""
    for model in models:
        if model not in _content_models:
            _content_models.append(model)
        pre_delete.connect(
            guard_delete, sender=model, dispatch_uid=f"guard_delete.{model._meta.label}"
        )
    page_cache.register(*models)


def content_models() -> list[type[Model]]:
    return list(_content_models)


def connect_signals() -> None:
    """The rule on every Publishable's saves and deletes (per model, so other models keep
    Django's fast deletes); once, from PublishingConfig.ready(). Public by definition, every
    Publishable is page-cache content too."""
    for model in publishable_models():
        pre_save.connect(guard_save, sender=model, dispatch_uid=f"guard_save.{model._meta.label}")
        pre_delete.connect(
            guard_delete, sender=model, dispatch_uid=f"guard_delete.{model._meta.label}"
        )
    page_cache.register(*publishable_models())


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
