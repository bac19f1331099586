from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .admin_mixins import TranslatedAdmin
from .models import ChangeNote


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """The audit log: every change made in the admin, and every publish, unpublish and restore."""

    list_display = ["action_time", "user", "action_flag", "content_type", "object_repr", "message"]
    list_filter = ["action_time", "action_flag", "content_type", "user"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__email", "user__username"]
    date_hierarchy = "action_time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("What was done"))
    def message(self, entry):
        return entry.get_change_message()


@admin.register(ChangeNote)
class ChangeNoteAdmin(TranslatedAdmin):
    """Change notes are written with a major change, on the item's own form; here staff only
    correct a note's words (or add a language). Nobody deletes one: it is the page's history."""

    list_display = ["text", "content_type", "object_id", "changed_at", "created_by"]
    list_filter = ["content_type", "changed_at"]
    list_select_related = ["content_type", "created_by"]
    search_fields = ["text"]
    date_hierarchy = "changed_at"
    fields = ["item", "text", "changed_at", "created_by"]
    readonly_fields = ["item", "changed_at", "created_by"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("Item"))
    def item(self, note):
        obj = note.content_object
        if obj is None:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj)
