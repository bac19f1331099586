from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from publishing.admin_mixins import (
    RICH_TEXT,
    PublishableAdmin,
    RichTextInlineMixin,
    TranslatedAdmin,
    TranslatedTabularInline,
)
from publishing.review_admin import ReviewableAdminMixin
from subscriptions.admin_actions import DraftUpdateAdminMixin, draft_update_action

from . import services
from .models import Finding, Indicator, Report, Sector, Source

PUBLISHING = ["status", "publish_at", "published_at", "created_at", "updated_at"]


@admin.register(Source)
class SourceAdmin(TranslatedAdmin):
    list_display = ["title", "publisher", "published_on", "url"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher", "note"]
    formfield_overrides = RICH_TEXT


@admin.register(Sector)
class SectorAdmin(PublishableAdmin):
    list_display = ["name", "slug", "status"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class IndicatorInline(RichTextInlineMixin, TranslatedTabularInline):
    model = Indicator
    extra = 0
    fields = ["name", "slug", "value", "unit", "approximate", "year", "source", "status"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source"]
    show_change_link = True


@admin.register(Finding)
class FindingAdmin(ReviewableAdminMixin, DraftUpdateAdminMixin, PublishableAdmin):
    actions = [
        *PublishableAdmin.actions,
        draft_update_action(
            lambda finding: services.draft_update_about(finding=finding),
            description=_("Draft an email update about this finding"),
        ),
    ]
    list_display = ["title", "kind", "sector", "order", "status", "updated_at"]
    list_display_links = ["title"]
    list_editable = ["order"]
    list_filter = ["kind", "status", "sector"]
    list_select_related = ["sector"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["sector", "sources", "image"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "body", "image"]}),
        (_("Context"), {"fields": ["sector", "sources", "order"]}),
        (_("Publishing"), {"fields": PUBLISHING}),
    ]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(PublishableAdmin):
    list_display = ["name", "value", "unit", "approximate", "year", "source", "finding", "status"]
    list_filter = ["status", "approximate", "year", "source"]
    list_select_related = ["source", "finding"]
    search_fields = ["name", "slug", "note", "finding__title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["finding", "source"]


@admin.register(Report)
class ReportAdmin(PublishableAdmin):
    list_display = ["title", "published_on", "accessibility_reviewed", "status"]
    list_filter = ["status", "accessibility_reviewed"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["findings"]
    date_hierarchy = "published_on"
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "published_on", "url", "findings"]}),
        (
            _("Document"),
            {
                "fields": ["document", "html_version", "accessibility_reviewed"],
                "description": _(
                    "A PDF goes public only with an HTML version or once its "
                    "accessibility has been reviewed."
                ),
            },
        ),
        (_("Publishing"), {"fields": PUBLISHING}),
    ]
