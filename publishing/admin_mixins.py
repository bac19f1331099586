"""The admin of every public content type: publishing rights, revisions and the rich-text editor.

Editors write and save drafts; only holders of `pages.publish_content` (Publishers)
change a row's status or publication time. Hiding the controls is not the rule: the fields
are disabled for editors, the publish actions are offered to holders only, *and* every save
and delete, by any route, passes the rule in `publishing.services` (`guard_save`,
`guard_delete`). A restore or recovery runs as a restore (`acting_as(..., restoring=True)`):
an editor's brings back old text with today's publishing states.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import get_translation_fields
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from core.csp import CSPNonceMediaAdminMixin

from . import services as publishing
from .fields import SanitizedHTMLField
from .models import Publishable
from .sanitize import clean_html

PUBLISHING_FIELDS = ("status", "publish_at")

# What the editor offers matches the allow-list in sanitize.py; clean_html runs on submit,
# and SanitizedHTMLField cleans again on save.
EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "Code": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "History": True,
        # Ours (static/js/prose-editor-csp.js): no inline <style>, which the CSP refuses.
        "NoInjectedStyles": True,
    }
}


class RichTextWidget(AdminProseEditorWidget):
    """django-prose-editor's admin widget, within the site's Content-Security-Policy: the editor
    adds no inline style; ProseMirror's base rules come from stylesheets (`make assets`)."""

    def get_config(self):
        config = super().get_config()
        modules = [*config.get("js_modules", []), static("js/prose-editor-csp.js")]
        return {**config, "js_modules": modules}

    @property
    def media(self):
        return super().media + Media(
            css={"all": ["vendor/prosemirror/prosemirror.css", "vendor/prosemirror/gapcursor.css"]}
        )


RICH_TEXT = {
    SanitizedHTMLField: {
        "form_class": ProseEditorFormField,
        "widget": RichTextWidget,
        "config": EDITOR_CONFIG,
        "sanitize": clean_html,
    },
    # Editors paste bare domains; assume https, as Django 6 will.
    models.URLField: {"assume_scheme": "https"},
}


class RichTextInlineMixin:
    """For inlines: the same editor on every SanitizedHTMLField; status is shown, not edited."""

    formfield_overrides = RICH_TEXT

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if issubclass(self.model, Publishable):
            fields += [f for f in PUBLISHING_FIELDS if f in (self.fields or ()) and f not in fields]
        return fields


def translated_lookups(model, lookups) -> list[str]:
    """`lookups` (an admin's search_fields) with each translated field named once per language:
    "title" becomes "title_en", "title_es"; "sections__heading" becomes "sections__heading_en",
    "sections__heading_es". Left alone, modeltranslation searches the staff's language only."""
    expanded = []
    for lookup in lookups:
        prefix = lookup[0] if lookup[:1] in ("^", "=", "@") else ""
        parts = lookup[len(prefix) :].split("__")
        current = model
        for index, part in enumerate(parts):
            try:
                translated = translator.get_options_for_model(current).all_fields
            except NotRegistered:
                translated = {}
            if part in translated:
                expanded += [
                    prefix + "__".join([*parts[:index], name, *parts[index + 1 :]])
                    for name in get_translation_fields(part)
                ]
                break
            try:
                field = current._meta.get_field(part)
            except FieldDoesNotExist:
                field = None
            if field is None or field.related_model is None:
                expanded.append(lookup)
                break
            current = field.related_model
        else:
            expanded.append(lookup)
    return expanded


class TranslatedAdmin(CSPNonceMediaAdminMixin, TabbedTranslationAdmin):
    """The admin of a model registered in a translation.py: every translated field appears once
    per language, in tabs (English, Spanish, ...); English is required where the field is,
    the other languages are optional (django-modeltranslation). The search looks in every
    language. jQuery UI, for the tabs, is ours (settings.JQUERY_UI_URL), never a CDN's."""

    def get_search_fields(self, request):
        return translated_lookups(self.model, super().get_search_fields(request))


class PublishableAdmin(TranslatedAdmin, CompareVersionAdmin):
    actions = ["publish", "unpublish"]
    formfield_overrides = RICH_TEXT
    list_filter = ["status"]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    save_on_top = True
    view_on_site = True
    history_latest_first = True

    # --- Rights ---------------------------------------------------------------------------

    def has_publish_permission(self, request) -> bool:
        return publishing.can_publish(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not self.has_publish_permission(request):
            for name in PUBLISHING_FIELDS:
                if name in form.base_fields:
                    form.base_fields[name].disabled = True
                    form.base_fields[name].help_text = gettext("Only a publisher can change this.")
        return form

    def _publishing_state(self, request, obj):
        if state := getattr(request, "_publishing_state_before", None):
            return state  # a restore: the row was rewound before this form was shown
        if obj.pk is None:
            return (Publishable.Status.DRAFT, None)
        return type(obj)._default_manager.filter(pk=obj.pk).values_list(*PUBLISHING_FIELDS).first()

    def save_model(self, request, obj, form, change):
        # The publishing right itself is enforced on every save (publishing.guard_save);
        # here the admin only records what a publisher changed.
        before = self._publishing_state(request, obj)
        super().save_model(request, obj, form, change)
        if tuple(getattr(obj, name) for name in PUBLISHING_FIELDS) != before:
            publishing.log(request.user, obj, self._describe(obj))

    @staticmethod
    def _describe(obj) -> str:
        if obj.status == Publishable.Status.SCHEDULED:
            return f"Scheduled to publish at {obj.publish_at:%Y-%m-%d %H:%M %Z}."
        if obj.status == Publishable.Status.PUBLISHED:
            return "Published."
        return "Returned to draft (unpublished)."

    # --- Actions --------------------------------------------------------------------------

    def _run(self, request, queryset, service, done):
        """`done(count)` says what happened to `count` items, e.g. "3 items published"."""
        count = 0
        for obj in queryset:
            try:
                service(obj, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, done(count), messages.SUCCESS)

    @admin.action(description=_("Publish selected items"), permissions=["publish"])
    def publish(self, request, queryset):
        self._run(
            request,
            queryset,
            publishing.publish,
            lambda n: ngettext("%(count)d published.", "%(count)d published.", n) % {"count": n},
        )

    @admin.action(description=_("Return selected items to draft"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._run(
            request,
            queryset,
            publishing.unpublish,
            lambda n: (
                ngettext("%(count)d returned to draft.", "%(count)d returned to draft.", n)
                % {"count": n}
            ),
        )

    # --- Revisions ------------------------------------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # django-reversion rewinds the row before the form runs; remember what it was.
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            request._publishing_state_before = tuple(getattr(obj, f) for f in PUBLISHING_FIELDS)
        request._restoring = (
            Version.objects.filter(pk=version_id).select_related("revision").first()
        )
        return self._restore(request, super().revision_view, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        return self._restore(request, super().recover_view, version_id, extra_context)

    def _restore(self, request, view, *args):
        """A restore or recovery as `request.user`: rows keep their publishing state unless
        they hold the right, and rows added since the version stay unless they may delete them
        (then the restore is refused as a whole and changes nothing)."""
        try:
            with publishing.acting_as(request.user, restoring=True):
                return view(request, *args)
        except publishing.NotPermitted as refusal:
            self.message_user(
                request,
                gettext("This version was not restored: %(reason)s") % {"reason": refusal},
                messages.ERROR,
            )
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")

    def log_change(self, request, obj, message):
        if version := getattr(request, "_restoring", None):
            message = (
                f"Restored the version saved on {version.revision.date_created:%Y-%m-%d %H:%M}."
            )
        return super().log_change(request, obj, message)
