"""Staff preview: a draft (or scheduled) item opens at its public URL for staff only.

The public always goes through `published()`; staff see every row, and the page tells them,
in words, when what they see is not public yet (templates/publishing/_draft_notice.html).
"""

from functools import reduce

from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from django.views.generic import DetailView

from .models import Publishable


def published_answering_actions(model):
    """Prefetch the published roadmap actions that answer rows of `model`, into
    `published_actions`, or None without the roadmap app.

    Dependencies point roadmap -> exchange and assessment, so the action model is reached
    through the reverse relation roadmap declares (related name `actions`), never imported.
    """
    try:
        action_model = model._meta.get_field("actions").related_model
    except FieldDoesNotExist:
        return None
    return Prefetch(
        "actions",
        queryset=action_model.objects.published().filter(
            theme__status=Publishable.Status.PUBLISHED
        ),
        to_attr="published_actions",
    )


def can_preview(user) -> bool:
    # Same bar as the admin: a staff account without its second factor sees what the public sees.
    return user.is_active and user.is_staff and is_mfa_enabled(user)


class PreviewDetailView(DetailView):
    """A detail page the public sees only once it (and what it belongs to) is published."""

    # Lookups that must all be "published" for the public, e.g. the visit's trip.
    published_lookups = ["status"]
    # Everything the page shows beyond the row itself, the rows it points to included: one
    # query each (prefetch_related), however many rows they hold.
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
        queryset = super().get_queryset().prefetch_related(*self.get_related())
        if can_preview(self.request.user):
            return queryset
        return self.public_queryset(queryset)

    def get_related(self):
        return list(self.related)

    def get_context_data(self, **kwargs):
        # The public's queryset only holds public rows: only staff can be shown a draft.
        draft_preview = can_preview(self.request.user) and not self.is_public(self.object)
        return super().get_context_data(draft_preview=draft_preview, **kwargs)
