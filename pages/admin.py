from django.contrib import admin
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
