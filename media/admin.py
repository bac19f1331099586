from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from publishing.admin_mixins import TranslatedAdmin

from .models import Image


@admin.register(Image)
class ImageAdmin(TranslatedAdmin):
    list_display = ["thumbnail", "__str__", "decorative", "width", "height", "created_at"]
    list_filter = ["decorative", "created_at"]
    search_fields = ["alt", "caption", "credit", "file"]
    readonly_fields = ["thumbnail", "width", "height", "created_at", "updated_at"]
    fields = ["file", "thumbnail", "alt", "decorative", "caption", "credit", "width", "height"]

    @admin.display(description=_("Preview"))
    def thumbnail(self, obj):
        if not obj.pk or not obj.file:
            return "—"
        return format_html('<img src="{}" width="120" alt="">', obj.file.url)
