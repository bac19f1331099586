"""An admin action, shared by content apps, that drafts an email update about the selection."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext


def draft_update_action(draft, *, description: str):
    """Wrap `draft(obj) -> Update` as an admin action for one selected object at a time.

    Only staff who may write email updates get it; the draft opens for review, nothing is sent.
    """

    @admin.action(description=description, permissions=["draft_update"])
    def action(modeladmin, request, queryset):
        if queryset.count() != 1:
            modeladmin.message_user(
                request,
                gettext("Select exactly one item to draft an update about."),
                messages.WARNING,
            )
            return None
        update = draft(queryset.get())
        modeladmin.message_user(
            request,
            gettext("A draft update was created. Review it, send yourself a test, then send it."),
            messages.SUCCESS,
        )
        return redirect(reverse("admin:subscriptions_update_change", args=[update.pk]))

    action.__name__ = "draft_update"
    return action


class DraftUpdateAdminMixin:
    def has_draft_update_permission(self, request):
        return request.user.has_perm("subscriptions.add_update")
