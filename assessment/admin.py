from django.contrib import admin
from django.db import models

from .models import Finding, Indicator, Report, Sector, Source

# Addresses typed without a scheme are https ones (and Django 6 will assume so anyway).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "url"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher", "note"]
    formfield_overrides = HTTPS_URLS


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "status"]
    list_filter = ["status"]
    list_editable = ["status"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["name", "slug", "value", "unit", "approximate", "year", "source", "status"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source"]
    show_change_link = True


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "sector", "order", "status", "updated_at"]
    list_display_links = ["title"]
    list_editable = ["order", "status"]
    list_filter = ["kind", "status", "sector"]
    list_select_related = ["sector"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["sector", "sources"]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary", "body"]}),
        ("Context", {"fields": ["sector", "sources", "order"]}),
        ("Publishing", {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]
    inlines = [IndicatorInline]
    view_on_site = True


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "value", "unit", "approximate", "year", "source", "finding", "status"]
    list_filter = ["status", "approximate", "year", "source"]
    list_select_related = ["source", "finding"]
    search_fields = ["name", "slug", "note", "finding__title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["finding", "source"]
    readonly_fields = ["published_at"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["title", "published_on", "status"]
    list_filter = ["status"]
    list_editable = ["status"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["findings"]
    readonly_fields = ["published_at"]
    date_hierarchy = "published_on"
    formfield_overrides = HTTPS_URLS
