from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from publishing.admin_mixins import PublishableAdmin as BasePublishableAdmin
from publishing.admin_mixins import (
    RichTextInlineMixin,
    TranslatedStackedInline,
    TranslatedTabularInline,
)

from .forms import EventAdminForm
from .models import (
    CollaborationTrack,
    Component,
    Delegate,
    Event,
    EventDocument,
    Organisation,
    Recommendation,
    SiteVisit,
    Trip,
)


class PublishableAdmin(BasePublishableAdmin):
    prepopulated_fields = {"slug": ["title"]}


class DelegateInline(TranslatedTabularInline):
    model = Delegate
    extra = 0
    fields = ["name", "position", "organisation", "order"]
    autocomplete_fields = ["organisation"]


class RecommendationInline(RichTextInlineMixin, TranslatedStackedInline):
    model = Recommendation
    extra = 0
    fields = ["title", "slug", "status", "order", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(PublishableAdmin):
    list_display = ["name", "short_name", "role", "kind", "country", "order", "status"]
    list_editable = ["order"]
    list_filter = ["role", "kind", "country", "status"]
    search_fields = ["name", "short_name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Component)
class ComponentAdmin(PublishableAdmin):
    list_display = ["number", "title", "year", "trip_count", "status"]
    list_display_links = ["number", "title"]
    search_fields = ["title", "summary"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(trip_count=Count("trips"))

    @admin.display(description=_("Trips"), ordering="trip_count")
    def trip_count(self, obj):
        return obj.trip_count


@admin.register(Trip)
class TripAdmin(PublishableAdmin):
    list_display = [
        "title",
        "direction",
        "start_date",
        "date_display",
        "destination",
        "delegation_size",
        "component",
        "status",
    ]
    list_filter = ["direction", "component", "status"]
    list_select_related = ["component"]
    search_fields = ["title", "destination", "summary", "delegation_description"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["component", "organisations", "image"]
    inlines = [DelegateInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "component", "direction", "image"]}),
        (
            _("When and where"),
            {"fields": ["start_date", "end_date", "date_display", "destination"]},
        ),
        (
            _("Delegation"),
            {"fields": ["delegation_size", "delegation_description", "organisations"]},
        ),
        (_("Text"), {"fields": ["summary", "body"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", *PublishableAdmin.readonly_fields]}),
    ]


@admin.register(SiteVisit)
class SiteVisitAdmin(PublishableAdmin):
    list_display = ["title", "trip", "host", "industry", "date", "recommendation_count", "status"]
    list_filter = ["trip", "status"]
    list_select_related = ["trip", "host"]
    search_fields = ["title", "industry", "summary", "host__name", "trip__title"]
    date_hierarchy = "date"
    autocomplete_fields = ["trip", "host"]
    inlines = [RecommendationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recommendation_count=Count("recommendations"))

    @admin.display(description=_("Recommendations"), ordering="recommendation_count")
    def recommendation_count(self, obj):
        return obj.recommendation_count


@admin.register(Recommendation)
class RecommendationAdmin(PublishableAdmin):
    list_display = ["title", "site_visit", "company", "order", "status"]
    list_editable = ["order"]
    list_filter = ["site_visit__trip", "status"]
    list_select_related = ["site_visit__host"]
    search_fields = ["title", "summary", "site_visit__title", "site_visit__host__name"]
    autocomplete_fields = ["site_visit"]

    @admin.display(description=_("Company"), ordering="site_visit__host__name")
    def company(self, obj):
        return obj.site_visit.host or "—"


@admin.register(CollaborationTrack)
class CollaborationTrackAdmin(PublishableAdmin):
    list_display = ["title", "kind", "host", "component", "order", "status"]
    list_editable = ["order"]
    list_filter = ["kind", "status"]
    list_select_related = ["host", "component"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["component", "host"]


class EventDocumentInline(RichTextInlineMixin, TranslatedStackedInline):
    model = EventDocument
    extra = 0
    fields = [
        "kind",
        "title",
        "status",
        "document",
        "html_version",
        "accessibility_reviewed",
        "url",
        "order",
    ]


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    form = EventAdminForm
    list_display = ["title", "kind", "starts_at", "state", "venue", "status"]
    list_filter = ["kind", "state", "status"]
    search_fields = ["title", "summary", "venue"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["trips"]
    inlines = [EventDocumentInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind"]}),
        (
            _("When"),
            {
                "fields": ["start_date", "start_time", "end_date", "end_time"],
                "description": _("Days and times in Portland time (%(zone)s).")
                % {"zone": settings.TIME_ZONE},
            },
        ),
        (_("Where"), {"fields": ["venue", "online_url"]}),
        (
            _("Moved or cancelled"),
            {
                "fields": ["state", "moved_from", "state_note"],
                "description": _(
                    "To move the event, choose “Moved”, set its new date above and say "
                    "why; the date it had is kept and shown. Calendar apps that subscribed "
                    "update their copy."
                ),
            },
        ),
        (_("Text"), {"fields": ["summary", "body", "recording_url", "trips"]}),
        (
            _("Accommodation, translation and interpretation"),
            {"fields": ["accommodation_deadline", "accommodation_contact"]},
        ),
        (_("Publishing"), {"fields": ["status", "publish_at", *PublishableAdmin.readonly_fields]}),
    ]
