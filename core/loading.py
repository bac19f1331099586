"""Loading the initiative's own content: create what is missing, never touch what exists.

Each content app has a `content.py` module with `load(report)`; `load_initiative_content`
calls them in INSTALLED_APPS order (so exchange and assessment load before roadmap).
Rows are keyed on their slug: a second run finds every row and changes nothing, and a
row a staff member has edited in the admin keeps the edit.

Text comes in English and Spanish, side by side: `title="..."` is the English and
`title_es="..."` the Spanish (django-modeltranslation's columns). A row is created with the
English in `title_en` and in the original `title` column and the Spanish in `title_es`, whatever
language is active. A database loaded before the Spanish existed gets its empty Spanish fields
filled on the next run; a text someone wrote, in either language, is never replaced.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings
from django.db import models
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

ENGLISH = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
# The languages other than English that content is written in: ("es",)
OTHER_LANGUAGES = tuple(code for code in settings.MODELTRANSLATION_LANGUAGES if code != ENGLISH)


def app_modules(name: str) -> Iterator[tuple[AppConfig, ModuleType]]:
    """Each installed app's `<app>.<name>` module, in INSTALLED_APPS order, where it has one."""
    for app_config in apps.get_app_configs():
        try:
            module = import_module(f"{app_config.name}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.{name}":
                raise  # the module exists but imports something missing
            continue
        yield app_config, module


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    # Rows already present that were given their missing Spanish text (a database loaded before
    # the Spanish existed); "translated" in the summary.
    translated: list[str] = field(default_factory=list)

    def __str__(self):
        return (
            f"{len(self.created)} created, {len(self.kept)} already present (left as they are), "
            f"{len(self.translated)} translated (their missing Spanish text filled in)"
        )


def ensure(
    report: LoadReport,
    model: type[models.Model],
    *,
    lookup: dict | None = None,
    m2m: dict | None = None,
    **values,
):
    """Create one row from `values` unless a row matching `lookup` (default: its slug) exists.

    Many-to-many links (`m2m`: field name to a list of objects) are set only on creation,
    like every other value, so that links changed in the admin are kept too. On a row that
    exists, only its empty translations (`title_es`, ...) are filled in from `values`.
    """
    lookup = lookup or {"slug": values["slug"]}
    values = _with_english_columns(model, values)
    # English is what a plain `title=` means here; modeltranslation would otherwise write it
    # to the active language's column (title_es when the command runs in Spanish).
    with translation.override(ENGLISH):
        existing = model._default_manager.filter(**lookup).first()
        label = f"{model._meta.label} " + ", ".join(
            f"{key}={value}" for key, value in lookup.items()
        )
        if existing is not None:
            report.kept.append(label)
            if _fill_missing_translations(model, existing, values):
                report.translated.append(label)
            return existing
        obj = model._default_manager.create(**{**values, **lookup})
        for name, related in (m2m or {}).items():
            getattr(obj, name).set(related)
    report.created.append(label)
    return obj


def translated_fields(model: type[models.Model]) -> list[str]:
    """The fields of `model` written per language (its translation.py), or none."""
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def _with_english_columns(model, values: dict) -> dict:
    """`values` with each translated field's English set explicitly in both its columns
    (`title="..."` also gives `title_en`, `title_en="..."` also gives `title`), and its other
    languages empty where no text is given for them, rather than the field's default (a
    default is English: an organisation's country would read "United States" in Spanish)."""
    values = dict(values)
    for name in translated_fields(model):
        english = build_localized_fieldname(name, ENGLISH)
        if name in values:
            values.setdefault(english, values[name])
        elif english in values:
            values[name] = values[english]
        else:
            continue
        for code in OTHER_LANGUAGES:
            column = build_localized_fieldname(name, code)
            if column not in values:
                values[column] = None if model._meta.get_field(column).null else ""
    return values


def _fill_missing_translations(model, obj, values: dict) -> bool:
    """Set each translation in `values` (`title_es`, ...) that is still empty on `obj`.

    Empty is what the pages treat as "not translated" (no text at all); any text, an edit in
    the admin included, is kept. True if anything was filled in.
    """
    missing = {}
    for name in translated_fields(model):
        for code in OTHER_LANGUAGES:
            column = build_localized_fieldname(name, code)
            if values.get(column) and not getattr(obj, column):
                missing[column] = values[column]
    for column, text in missing.items():
        setattr(obj, column, text)
    if missing:
        obj.save(update_fields=list(missing))  # a save, so cached pages are refreshed too
    return bool(missing)
