"""Content review: public content that nobody has checked for a while is due for review.

A content model takes part by inheriting `Reviewable` (roadmap actions and assessment findings
do). A row is due when it is published and was last reviewed, or if never reviewed created,
more than `settings.CONTENT_REVIEW_DAYS` days ago. "Mark reviewed" records who and when
(`mark_reviewed`); an optional staff `owner` is the person reminded of it.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Publishable
from .services import log


class Reviewable(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True, "is_active": True},
        help_text=_(
            "The member of staff who keeps this up to date; reminded when it is due for review."
        ),
    )
    # Set by "Mark reviewed" only (mark_reviewed), never in the change form.
    reviewed_at = models.DateTimeField(
        _("last reviewed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When staff last confirmed its content is still right (the staff home's “review due” "
            "counts from here)."
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who last marked it reviewed."),
    )

    class Meta:
        abstract = True


def review_days() -> int:
    return settings.CONTENT_REVIEW_DAYS


def reviewable_models() -> list[type[Reviewable]]:
    return [model for model in apps.get_models() if issubclass(model, Reviewable)]


def only_due(queryset: models.QuerySet, *, now=None) -> models.QuerySet:
    """The rows of `queryset` due for review, each with `last_reviewed` (or created)."""
    cutoff = (now or timezone.now()) - timedelta(days=review_days())
    return (
        queryset.filter(status=Publishable.Status.PUBLISHED)
        .annotate(last_reviewed=Coalesce("reviewed_at", "created_at"))
        .filter(last_reviewed__lt=cutoff)
    )


def due(model: type[Reviewable], *, now=None) -> models.QuerySet:
    """`model`'s rows due for review, the longest unreviewed first."""
    return only_due(model._default_manager.all(), now=now).order_by("last_reviewed", "pk")


def mark_reviewed(obj: Reviewable, *, user, now=None) -> None:
    """Record that `user` checked `obj` just now. Only these two columns are written: a review
    changes nothing the public sees, so it keeps no revision and leaves the cached pages be."""
    now = now or timezone.now()
    type(obj)._base_manager.filter(pk=obj.pk).update(reviewed_at=now, reviewed_by=user)
    obj.reviewed_at, obj.reviewed_by = now, user
    log(user, obj, "Marked reviewed.")
