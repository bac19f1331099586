from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from publishing.admin_mixins import PublishableAdmin, RichTextInlineMixin

from .models import ContactMessage, Page, PageSection


class PageSectionInline(RichTextInlineMixin, TranslationStackedInline):
    model = PageSection
    extra = 0
    prepopulated_fields = {"anchor": ["heading"]}


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = ["title", "slug", "status", "updated_at"]
    search_fields = ["title", "summary", "sections__heading", "sections__body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["image"]
    inlines = [PageSectionInline]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "name", "email", "status", "created_at"]
    list_filter = ["status", "created_at"]
    list_editable = ["status"]
    search_fields = ["name", "email", "subject", "message"]
    readonly_fields = ["name", "email", "subject", "message", "created_at", "notified_at"]
    date_hierarchy = "created_at"


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
