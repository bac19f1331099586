"""Staff preview: a draft (or scheduled) item opens at its public URL for staff only.

The public always goes through `published()`; staff see every row, and the page tells them,
in words, when what they see is not public yet (templates/publishing/_draft_notice.html).
"""

from functools import reduce

from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count
from django.views.generic import DetailView

from . import changes
from .models import Publishable


def answering_actions(model):
    """The published roadmap actions that may answer rows of `model` (any row's), or None
    without the roadmap app.

    Dependencies point roadmap -> exchange and assessment, so the action model is reached
    through the reverse relation roadmap declares (related name `actions`), never imported.
    """
    try:
        action_model = model._meta.get_field("actions").related_model
    except FieldDoesNotExist:
        return None
    return action_model.objects.published().filter(theme__status=Publishable.Status.PUBLISHED)


def actions_answering(obj):
    """The published roadmap actions that answer `obj`, as a lazy QuerySet (for a cached
    fragment: one query, run only when it is rebuilt), or None without the roadmap app."""
    actions = answering_actions(type(obj))
    if actions is None:
        return None
    # The actions' side of the relation: the many-to-many field roadmap declares.
    return actions.filter(**{type(obj)._meta.get_field("actions").field.name: obj})


def answering_action_counts(model) -> dict:
    """How many published roadmap actions answer each row of `model`: {pk: count}, with no
    entry for a row none answers (nor any without the roadmap app). One grouped query on the
    link table; it fetches no action, and no list of rows to look for."""
    actions = answering_actions(model)
    if actions is None:
        return {}
    # The actions' side of the relation: the many-to-many field roadmap declares.
    field = model._meta.get_field("actions").field.name
    rows = (
        actions.filter(**{f"{field}__isnull": False})
        .order_by()
        .values_list(field)
        .annotate(count=Count("pk"))
    )
    return dict(rows)


def points_to_one(model, lookup) -> bool:
    """`lookup` ("site_visit__trip") follows foreign keys (or one-to-ones) forward only, so
    its rows can be joined to the query of a `model` row rather than fetched separately."""
    if not isinstance(lookup, str):
        return False  # a Prefetch: a filtered set of rows
    for name in lookup.split("__"):
        field = model._meta.get_field(name)
        if not (field.many_to_one or field.one_to_one) or not field.concrete:
            return False
        model = field.related_model
    return True


def can_preview(user) -> bool:
    # Same bar as the admin: a staff account without its second factor sees what the public sees.
    return user.is_active and user.is_staff and is_mfa_enabled(user)


class PreviewDetailView(DetailView):
    """A detail page the public sees only once it (and what it belongs to) is published."""

    # Lookups that must all be "published" for the public, e.g. the visit's trip.
    published_lookups = ["status"]
    # Everything the page shows beyond the row itself: the rows it points to are joined to its
    # query (select_related), the rows pointing to it come in one query each (prefetch_related),
    # however many they are.
    related = ()

    def is_public(self, obj) -> bool:
        # Follows e.g. "site_visit__trip__status" through the select_related objects.
        return all(
            reduce(getattr, lookup.split("__"), obj) == Publishable.Status.PUBLISHED
            for lookup in self.published_lookups
        )

    def public_queryset(self, queryset):
        return queryset.filter(
            **dict.fromkeys(self.published_lookups, Publishable.Status.PUBLISHED)
        )

    def get_queryset(self):
        queryset = super().get_queryset()
        related = list(self.get_related())
        joined = [lookup for lookup in related if points_to_one(queryset.model, lookup)]
        separate = [lookup for lookup in related if lookup not in joined]
        # Never `select_related()` with nothing named: that joins every foreign key there is.
        if joined:
            queryset = queryset.select_related(*joined)
        if separate:
            queryset = queryset.prefetch_related(*separate)
        if can_preview(self.request.user):
            return queryset
        return self.public_queryset(queryset)

    def get_related(self):
        return list(self.related)

    def get_context_data(self, **kwargs):
        # The public's queryset only holds public rows: only staff can be shown a draft.
        draft_preview = can_preview(self.request.user) and not self.is_public(self.object)
        if changes.has_change_notes(type(self.object)):
            kwargs["change_notes"] = change_notes(self.object)
        return super().get_context_data(draft_preview=draft_preview, **kwargs)


def change_notes(obj):
    """The change notes of `obj`'s page ("Last updated" under the title, "See all updates" at
    the foot: publishing/_page_dates.html and _page_history.html), as a lazy QuerySet: both
    parts are cached fragments ({% cache %}, renewed with the content version), so its one query
    runs only when one of them is rebuilt, and once for both."""
    return obj.change_notes.all()
