"""The admin side of content review (publishing/review.py): the owner and the last review on the
change form, and a "Due for review" filter on the list (the staff home's full list)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import review

REVIEW_FIELDS = ["owner", "reviewed_at", "reviewed_by"]


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Due for review"))]

    def queryset(self, request, queryset):
        return review.only_due(queryset) if self.value() == "due" else queryset


class ReviewableAdminMixin:
    """For the admin of a `Reviewable` model: a "Review" section and the filter."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {name for _title, options in fieldsets for name in options.get("fields", ())}
        if not named & set(REVIEW_FIELDS):
            fieldsets.append((_("Review"), {"fields": REVIEW_FIELDS}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [name for name in ("reviewed_at", "reviewed_by") if name not in fields]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewDueFilter]
