"""An action's history, recorded whatever the route: each change of its status, and each move
of its target date or a milestone's, becomes a dated ProgressNote with the note that explains it.

The rows are written from the models' save signals, so the admin's change form, a list edit, an
admin action, a revision restore (django-reversion saves rows raw), a command or the content
loader all record them alike. Staff give the note in the admin form (`history_note`, by
language; a moved target date needs one there); a restore's says so in every language. The
history is never rolled back: restoring an action's version does not follow its notes or its
milestones (reversion's registration of Action follows nothing of theirs), so a restore adds to
the history and takes nothing from it.
"""

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.utils import timezone, translation
from django.utils.translation import gettext
from modeltranslation.utils import build_localized_fieldname

from publishing import services as publishing

from .models import Action, Milestone, ProgressNote

# What each model's history watches.
WATCHED = {Action: ("progress", "target_date"), Milestone: ("target_date",)}


def _note_texts(instance) -> dict[str, str]:
    """The note staff gave with the change (the admin form sets `history_note`), or a
    restore's, written in every language."""
    given = instance.__dict__.pop("history_note", None) or {}
    if any(given.values()):
        return given
    if publishing.restoring():
        texts = {}
        for code in settings.MODELTRANSLATION_LANGUAGES:
            with translation.override(code):
                texts[code] = gettext("An earlier version of this step was restored.")
        return texts
    return {}


def _remember_stored(sender, instance, **kwargs):
    fields = WATCHED[sender]
    stored = None
    if instance.pk is not None:
        stored = sender._base_manager.filter(pk=instance.pk).values(*fields).first()
    instance._history_stored = stored


def _record(sender, instance, created, **kwargs):
    stored = instance.__dict__.pop("_history_stored", None)
    if created or stored is None:
        return  # a new row has no history yet
    changed = {name for name, value in stored.items() if getattr(instance, name) != value}
    if not changed:
        return
    if sender is Action:
        action, milestone = instance, None
    else:
        action, milestone = instance.action, instance
    note = ProgressNote(action=action, date=timezone.localdate(), progress=action.progress)
    if "progress" in changed:
        note.previous_progress = stored["progress"]
    if "target_date" in changed and stored["target_date"] is not None:
        note.milestone = milestone
        note.previous_target_date = stored["target_date"]
        note.target_date = instance.target_date
    if not (note.previous_progress or note.previous_target_date):
        return  # a first target date is no move
    texts = _note_texts(instance)
    for code in settings.MODELTRANSLATION_LANGUAGES:
        text = (texts.get(code) or "").strip()
        setattr(note, build_localized_fieldname("text", code), text)
    note.save()


def connect_signals() -> None:
    """Once, from RoadmapConfig.ready()."""
    for model in WATCHED:
        label = model._meta.label
        pre_save.connect(_remember_stored, sender=model, dispatch_uid=f"history.stored.{label}")
        post_save.connect(_record, sender=model, dispatch_uid=f"history.record.{label}")
