"""The admin of every public content type: publishing rights, revisions, change notes and the
rich-text editor.

Editors write and save drafts; only holders of `pages.publish_content` (Publishers)
change a row's status or publication time. Hiding the controls is not the rule: the fields
are disabled for editors, the publish actions are offered to holders only, *and* every save
and delete, by any route, passes the rule in `publishing.services` (`guard_save`,
`guard_delete`). A restore or recovery runs as a restore (`acting_as(..., restoring=True)`):
an editor's brings back old text with today's publishing states.

A save of a published item asks what kind of change it is (`ChangeNoteForm`): minor (nothing
shows anywhere) or major, with a public note, recorded by `publishing.changes`.
"""

import copy

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import get_translation_fields
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from core.csp import CSPNonceMediaAdminMixin

from . import changes
from . import services as publishing
from .fields import SanitizedHTMLField
from .models import Publishable, editing_languages
from .sanitize import clean_html

PUBLISHING_FIELDS = ("status", "publish_at")
MINOR, MAJOR = "minor", "major"

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


class EditingLanguagesMixin:
    """Language tabs for English and the languages the staff member edits in
    (publishing.EditingLanguages, chosen at admin/languages/), not all eleven. The other
    languages' fields stay in the form as hidden inputs with their current text, so saving
    changes nothing in them."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if language is not None and language not in editing_languages_of(request):
            field.widget = forms.HiddenInput()


def hide_unchosen_note_languages(form_class, request) -> None:
    """The notes staff write per language outside the model (`language_fields`: change notes,
    why a status or a target date moved) follow the same choice as the tabs: those of
    `form_class` (a class the admin has just made for this request) in languages the staff
    member does not edit in become hidden inputs."""
    chosen = editing_languages_of(request)
    for name, field in form_class.base_fields.items():
        language = getattr(field, "note_language", None)
        if language is not None and language not in chosen:
            # A copy: the declared field is shared by every form class made from it.
            form_class.base_fields[name] = copy.deepcopy(field)
            form_class.base_fields[name].widget = forms.HiddenInput()


def editing_languages_of(request) -> list[str]:
    # Asked once per translated field: read once per request.
    if not hasattr(request, "_editing_languages"):
        request._editing_languages = editing_languages(request.user)
    return request._editing_languages


class EditingLanguagesInlineMixin(EditingLanguagesMixin):
    """For inlines: the tabs, and the per-language notes of each row."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        hide_unchosen_note_languages(formset.form, request)
        return formset


class TranslatedTabularInline(EditingLanguagesInlineMixin, TranslationTabularInline):
    pass


class TranslatedStackedInline(EditingLanguagesInlineMixin, TranslationStackedInline):
    pass


class TranslatedAdmin(CSPNonceMediaAdminMixin, EditingLanguagesMixin, TabbedTranslationAdmin):
    """The admin of a model registered in a translation.py: every translated field appears once
    per language, in tabs (English, Spanish, ...); English is required where the field is,
    the other languages are optional (django-modeltranslation). The search looks in every
    language. jQuery UI, for the tabs, is ours (settings.JQUERY_UI_URL), never a CDN's."""

    def get_search_fields(self, request):
        return translated_lookups(self.model, super().get_search_fields(request))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        hide_unchosen_note_languages(form, request)
        return form


def language_field(prefix: str, code: str) -> str:
    """The form field of `prefix` in language `code`: "change_note_en"."""
    return f"{prefix}_{code.replace('-', '_')}"


def _language_label(name, code: str) -> str:
    language = dict(settings.LANGUAGES).get(code, code)
    if code == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return gettext("%(name)s (%(language)s)") % {"name": name, "language": language}
    return gettext("%(name)s (%(language)s, optional)") % {"name": name, "language": language}


def language_fields(prefix: str, name, help_text, max_length: int = 300) -> dict:
    """A note staff write per language, outside the model's translated fields: one form field
    per language, English first. Each is optional here; the form says when English is needed.
    A language left empty shows the English to its readers, marked as English."""
    fields = {}
    for code in settings.MODELTRANSLATION_LANGUAGES:
        default = code == settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        field = fields[language_field(prefix, code)] = forms.CharField(
            label=lazy(_language_label, str)(name, code),
            max_length=max_length,
            required=False,
            widget=forms.TextInput(attrs={"size": 80}),
            help_text=(
                help_text
                if default
                else _("Left empty, readers of this language see the English note.")
            ),
        )
        field.note_language = code  # for hide_unchosen_note_languages
    return fields


def by_language(cleaned_data: dict, prefix: str) -> dict[str, str]:
    """{"en": ..., "es": ...} from the fields `language_fields(prefix, ...)` made."""
    return {
        code: cleaned_data.get(language_field(prefix, code)) or ""
        for code in settings.MODELTRANSLATION_LANGUAGES
    }


def change_note_field(code: str) -> str:
    return language_field("change_note", code)


def _change_note_fields() -> dict[str, forms.Field]:
    return language_fields(
        "change_note",
        _("Change note"),
        _("For a major change: what changed, in a sentence readers understand."),
    )


class BaseChangeNoteForm(forms.ModelForm):
    """GOV.UK's rule for a save of a published item: a minor change (a typo, a broken link)
    shows nowhere and emails nobody; a major change needs a short public note."""

    change_kind = forms.ChoiceField(
        label=_("What kind of change is this?"),
        choices=[
            (MINOR, _("Minor change: a typo or a broken link. Nothing is shown or sent.")),
            (MAJOR, _("Major change: readers see the note below, dated today, on the page.")),
        ],
        widget=forms.RadioSelect,
        initial=MINOR,
        required=False,
    )
    email_followers = forms.BooleanField(
        label=_("Email this change to the followers"),
        required=False,
        help_text=_(
            "A publisher's major change is sent at once; an editor's waits as a draft email "
            "update for a publisher to send."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if "change_kind" not in self.fields:  # not a published item: no change note asked
            return cleaned
        english = change_note_field(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        notes = [name for name in self.fields if name.startswith("change_note_")]
        if cleaned.get("change_kind") == MAJOR:
            if not cleaned.get(english):
                self.add_error(english, _("A major change needs a note for readers, in English."))
            if cleaned.get("status", Publishable.Status.PUBLISHED) != Publishable.Status.PUBLISHED:
                self.add_error(
                    "change_kind",
                    _(
                        "A change note is for a public page: keep the item published, or choose "
                        "“Minor change”."
                    ),
                )
        elif any(cleaned.get(name) for name in notes):
            self.add_error(
                "change_kind",
                _("You wrote a change note: choose “Major change” to publish it, or clear it."),
            )
        elif cleaned.get("email_followers"):
            self.add_error(
                "change_kind", _("Only a major change is emailed: choose “Major change”.")
            )
        return cleaned

    @cached_property
    def changed_data(self):
        # The audit log lists the fields that changed; what kind of change it was, and any
        # note about it, are logged on their own ("Major change: ...").
        model_fields = {field.name for field in self._meta.model._meta.get_fields()}
        return [name for name in super().changed_data if name in model_fields]

    def major_change(self) -> dict[str, str] | None:
        """The notes by language when staff chose a major change, else None."""
        if self.cleaned_data.get("change_kind") != MAJOR:
            return None
        return by_language(self.cleaned_data, "change_note")


ChangeNoteForm = type(BaseChangeNoteForm)(
    "ChangeNoteForm", (BaseChangeNoteForm,), {"__module__": __name__, **_change_note_fields()}
)
CHANGE_FIELDS = ["change_kind", *_change_note_fields(), "email_followers"]


class PublishableAdmin(TranslatedAdmin, CompareVersionAdmin):
    actions = ["publish", "unpublish"]
    form = ChangeNoteForm
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
        if not self.asks_what_changed(request, obj):
            for name in CHANGE_FIELDS:
                form.base_fields.pop(name, None)
        elif not changes.has_followers(self.model):
            form.base_fields.pop("email_followers", None)
        if not self.has_publish_permission(request):
            for name in PUBLISHING_FIELDS:
                if name in form.base_fields:
                    form.base_fields[name].disabled = True
                    form.base_fields[name].help_text = gettext("Only a publisher can change this.")
        return form

    # --- Change notes ---------------------------------------------------------------------

    def asks_what_changed(self, request, obj) -> bool:
        """A save of a published item whose page shows change notes asks minor or major; a
        restore or a recovery never does (it brings back text; it records no note)."""
        return (
            obj is not None
            and obj.pk is not None
            and obj.is_published
            and changes.has_change_notes(self.model)
            and not getattr(request, "_restoring_a_version", False)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in CHANGE_FIELDS]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if self.asks_what_changed(request, obj):
            fields = [name for name in CHANGE_FIELDS if name != "email_followers"]
            if changes.has_followers(self.model):
                fields.append("email_followers")
            description = gettext(
                "This item is public. A major change is listed on its page under “See all "
                "updates” and dates its “Last updated”; a minor change leaves no trace."
            )
            fieldsets.append((_("What changed"), {"fields": fields, "description": description}))
        return fieldsets

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        notes = form.major_change() if change and "change_kind" in form.fields else None
        if notes and form.instance.is_published:
            _, told = changes.record_major_change(
                form.instance,
                notes=notes,
                user=request.user,
                tell_followers=form.cleaned_data.get("email_followers", False),
            )
            if told:
                self.message_user(request, told, messages.INFO)

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
        request._restoring_a_version = True  # no change note: see asks_what_changed
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
