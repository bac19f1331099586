from django.contrib import admin

from publishing.admin_mixins import PublishableAdmin, RichTextInlineMixin, TranslatedStackedInline

from . import services
from .models import ContactMessage, Page, PageSection


class PageSectionInline(RichTextInlineMixin, TranslatedStackedInline):
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
    list_display = ["subject", "name", "email", "status", "created_at", "answered_by"]
    list_filter = ["status", "created_at"]
    list_editable = ["status"]
    list_select_related = ["answered_by"]
    search_fields = ["name", "email", "subject", "message"]
    readonly_fields = [
        "name", "email", "subject", "message", "created_at", "notified_at", "answered_at",
        "answered_by",
    ]  # fmt: skip
    date_hierarchy = "created_at"

    def save_model(self, request, obj, form, change):
        # Answered from the form or the list: recorded as the staff home's "Mark answered" is.
        if obj.status == ContactMessage.Status.ANSWERED and obj.answered_at is None:
            services.mark_answered(obj, user=request.user)
            return
        if obj.status == ContactMessage.Status.NEW:
            obj.answered_at = obj.answered_by = None
        super().save_model(request, obj, form, change)
