from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from publishing.admin_mixins import (
    ChangeNoteForm,
    PublishableAdmin,
    RichTextInlineMixin,
    TranslatedAdmin,
    TranslatedTabularInline,
    by_language,
    language_field,
    language_fields,
)
from publishing.review_admin import ReviewableAdminMixin
from subscriptions.admin_actions import DraftUpdateAdminMixin, draft_update_action

from . import services
from .models import Action, Milestone, ProgressNote, Theme

ENGLISH = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


class ActionInline(RichTextInlineMixin, TranslatedTabularInline):
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


def target_moved(form) -> bool:
    """A target date that was set has changed (a first target date is no move)."""
    return (
        form.instance.pk is not None
        and "target_date" in form.changed_data
        and form.initial.get("target_date") is not None
    )


def keep_history_note(form, prefix: str, changed: bool, moved: bool) -> None:
    """Hand the note to the history (roadmap.history records it with the change); a moved
    target date needs one, in English; a note with nothing to explain is refused, not lost."""
    notes = by_language(form.cleaned_data, prefix)
    english = language_field(prefix, ENGLISH)
    if moved and not notes[ENGLISH].strip():
        form.add_error(
            english, gettext("A moved target date needs a note that explains it, in English.")
        )
    elif any(notes.values()) and not changed:
        form.add_error(
            english,
            gettext("Nothing this note explains has changed: clear it, or change the date."),
        )
    form.instance.history_note = notes


class BaseActionForm(ChangeNoteForm):
    def clean(self):
        cleaned = super().clean()
        changed = bool({"progress", "target_date"} & set(self.changed_data)) and bool(
            self.instance.pk
        )
        keep_history_note(self, "history_note", changed, target_moved(self))
        return cleaned


ActionForm = type(BaseActionForm)(
    "ActionForm",
    (BaseActionForm,),
    {
        "__module__": __name__,
        **language_fields(
            "history_note",
            _("Why the status or target date changed"),
            _(
                "Shown on the step's page with the date of the change. Needed when the target "
                "date moves; optional for a change of status."
            ),
        ),
    },
)


class BaseMilestoneForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        keep_history_note(self, "target_note", target_moved(self), target_moved(self))
        return cleaned


MilestoneForm = type(BaseMilestoneForm)(
    "MilestoneForm",
    (BaseMilestoneForm,),
    {
        "__module__": __name__,
        **language_fields(
            "target_note",
            _("Why the target moved"),
            _("Needed when a target date moves: the page shows it beside the old and new dates."),
        ),
    },
)


class MilestoneInline(TranslatedTabularInline):
    model = Milestone
    form = MilestoneForm
    extra = 1
    fields = [
        "title", "target_date", "actual_date", "order",
        *(language_field("target_note", code) for code in settings.MODELTRANSLATION_LANGUAGES),
    ]  # fmt: skip


class ProgressNoteForm(forms.ModelForm):
    """A recorded change keeps its date and status: only its words can be corrected."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        note = self.instance
        if note.pk and (note.previous_progress or note.previous_target_date):
            for name in ("date", "progress"):
                if name in self.fields:
                    self.fields[name].disabled = True


class ProgressNoteInline(TranslatedTabularInline):
    model = ProgressNote
    form = ProgressNoteForm
    extra = 1
    fields = ["date", "progress", "what_changed", "text"]
    readonly_fields = ["what_changed"]

    @admin.display(description=_("What changed"))
    def what_changed(self, note):
        return describe_change(note)


def describe_change(note) -> str:
    """A recorded change in words, for staff: "Planned → In progress", "Target 1 Dec 2026 →
    1 Mar 2027 (Strategy drafted)"."""
    parts = []
    if note.is_status_change:
        labels = dict(Action.Progress.choices)
        parts.append(f"{labels[note.previous_progress]} → {labels[note.progress]}")
    if note.is_target_change:
        moved = f"{note.previous_target_date:%Y-%m-%d} → "
        moved += f"{note.target_date:%Y-%m-%d}" if note.target_date else "—"
        parts.append(
            gettext("Target %(moved)s (%(milestone)s)")
            % {"moved": moved, "milestone": note.milestone or gettext("the step")}
        )
    return "; ".join(parts) or "—"


@admin.register(Action)
class ActionAdmin(ReviewableAdminMixin, DraftUpdateAdminMixin, PublishableAdmin):
    form = ActionForm
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
            _("Status and dates"),
            {
                "fields": [
                    "progress",
                    "target_date",
                    *(
                        language_field("history_note", c)
                        for c in settings.MODELTRANSLATION_LANGUAGES
                    ),
                    "timeframe",
                ],
                "description": _(
                    "A change of status or of the target date is kept on the step's page, dated, "
                    "with the note below; the original target date stays visible."
                ),
            },
        ),
        (_("Who"), {"fields": ["lead", "lead_description", "partners"]}),
        (_("What it answers"), {"fields": ["findings", "recommendations", "tracks"]}),
        (
            _("Publishing"),
            {"fields": ["order", "status", "publish_at", *PublishableAdmin.readonly_fields]},
        ),
    ]
    inlines = [MilestoneInline, ProgressNoteInline]


@admin.register(ProgressNote)
class ProgressNoteAdmin(TranslatedAdmin):
    form = ProgressNoteForm
    list_display = ["action", "date", "progress", "what_changed"]
    list_filter = ["progress", "action__theme"]
    list_select_related = ["action", "milestone"]
    search_fields = ["text", "action__title"]
    autocomplete_fields = ["action"]
    date_hierarchy = "date"
    readonly_fields = ["what_changed"]

    @admin.display(description=_("What changed"))
    def what_changed(self, note):
        return describe_change(note)
