"""Major and minor changes, GOV.UK's way: the one place a change note is recorded.

A save of a published item is a minor change unless staff say otherwise: a typo or a broken
link leaves no trace on the page, moves no "Last updated" date and emails nobody. A major change
comes with a short public note (English required, other languages optional, modeltranslation's
fallback between them): the item's page lists it under "See all updates" and dates "Last
updated" by it, and the feeds that follow the item carry it. When staff ask, the app that owns
the item tells its followers (`register(..., tell_followers=...)`): a content app reaches email
updates through its own services, never from here.

Only `record_major_change` writes a note, and only the admin's change form calls it, when staff
choose "major change". Every other route to a save (list edits, actions, a revision restore or
recovery, the content loader, scheduled publishing) is a minor change by construction: no route
records a note by accident.
"""

import operator
from collections.abc import Callable
from functools import reduce

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, Q
from modeltranslation.utils import build_localized_fieldname

from .models import ChangeNote, Publishable
from .services import log

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

# Models whose public page lists change notes, and how each tells its followers (or None).
_registered: dict[type[Model], Callable | None] = {}
# The foreign keys whose target must be published too for a row's page to be public (an
# action under a draft theme has none yet), as the detail views' `published_lookups`.
_parents: dict[type[Model], tuple[str, ...]] = {}


def register(
    *models: type[Publishable], tell_followers: Callable | None = None, parents: tuple = ()
) -> None:
    """Rows of `models` have a public page that shows their change notes (each app registers
    its own from AppConfig.ready()). `tell_followers(obj, note=..., user=...)`, if given, emails
    the item's followers about a major change, or drafts that email, and returns a sentence for
    the staff member saying which. `parents`: the foreign keys (lookups) whose target must be
    published as well for the row's page to be public ("theme")."""
    for model in models:
        _registered[model] = tell_followers
        _parents[model] = tuple(parents)


def has_change_notes(model) -> bool:
    return model in _registered


def has_followers(model) -> bool:
    return _registered.get(model) is not None


def public_rows(model):
    """The rows of registered `model` whose page the public can see."""
    published = {f"{parent}__status": Publishable.Status.PUBLISHED for parent in _parents[model]}
    return model._default_manager.published().filter(**published)


def latest(limit: int) -> list[ChangeNote]:
    """The newest major changes of items the public can see, whatever their type, newest
    first, each with its item (`note.content_object`): one query, and one per type of item
    among them (GenericForeignKey's prefetch)."""
    if not _registered:
        return []
    types = ContentType.objects.get_for_models(*_registered)
    public = reduce(
        operator.or_,
        (
            Q(content_type=types[model], object_id__in=public_rows(model).values("pk"))
            for model in _registered
        ),
    )
    return list(ChangeNote.objects.filter(public).prefetch_related("content_object")[:limit])


def record_major_change(
    obj: Publishable,
    *,
    notes: dict[str, str],
    user=None,
    tell_followers: bool = False,
) -> tuple[ChangeNote, str]:
    """Record a major change to published `obj`: a note dated now, `notes` in each language
    ({"en": "...", "es": ""}; English required). Returns the note and, when `tell_followers`,
    what was done about the followers ("" otherwise)."""
    if not obj.is_published:
        raise ValueError("Only a published item has a public change history.")
    english = (notes.get(DEFAULT_LANGUAGE) or "").strip()
    if not english:
        raise ValueError("A major change needs a note in the default language.")
    note = ChangeNote(content_object=obj, created_by=user if getattr(user, "pk", None) else None)
    for code in settings.MODELTRANSLATION_LANGUAGES:
        text = (notes.get(code) or "").strip()
        setattr(note, build_localized_fieldname("text", code), text or None)
    with transaction.atomic():
        note.save()
        log(user, obj, f"Major change: {english}")
        told = ""
        if tell_followers and (tell := _registered.get(type(obj))):
            told = tell(obj, note=note, user=user)
    return note, told
