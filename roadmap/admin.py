from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from publishing.admin_mixins import PublishableAdmin, RichTextInlineMixin, TranslatedAdmin
from publishing.review_admin import ReviewableAdminMixin
from subscriptions.admin_actions import DraftUpdateAdminMixin, draft_update_action

from . import services
from .models import Action, ProgressNote, Theme


class ActionInline(RichTextInlineMixin, TranslationTabularInline):
    model = Action
    extra = 0
    fields = ["title", "progress", "timeframe", "order", "status"]
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(PublishableAdmin):
    list_display = ["title", "order", "status"]
    list_editable = ["order"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ActionInline]


class ProgressNoteInline(TranslationTabularInline):
    model = ProgressNote
    extra = 1
    fields = ["date", "progress", "text"]


@admin.register(Action)
class ActionAdmin(ReviewableAdminMixin, DraftUpdateAdminMixin, PublishableAdmin):
    actions = [
        *PublishableAdmin.actions,
        draft_update_action(
            lambda action: services.draft_update_for_followers(action=action),
            description=_("Draft an email update for this action's followers"),
        ),
    ]
    list_display = ["title", "theme", "progress", "lead", "timeframe", "order", "status"]
    list_editable = ["progress", "order"]
    list_filter = ["progress", "status", "theme", "lead"]
    list_select_related = ["theme", "lead"]
    search_fields = ["title", "slug", "summary", "body", "lead__name", "lead_description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "theme", "findings", "image", "lead", "partners", "recommendations", "tracks"
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["theme", "title", "slug", "summary", "body", "image"]}),
        (
            _("Who and when"),
            {"fields": ["progress", "lead", "lead_description", "partners", "timeframe"]},
        ),
        (_("What it answers"), {"fields": ["findings", "recommendations", "tracks"]}),
        (
            _("Publishing"),
            {"fields": ["order", "status", "publish_at", *PublishableAdmin.readonly_fields]},
        ),
    ]
    inlines = [ProgressNoteInline]


@admin.register(ProgressNote)
class ProgressNoteAdmin(TranslatedAdmin):
    list_display = ["action", "date", "progress"]
    list_filter = ["progress", "action__theme"]
    list_select_related = ["action"]
    search_fields = ["text", "action__title"]
    autocomplete_fields = ["action"]
    date_hierarchy = "date"
