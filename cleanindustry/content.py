"""Loading the initiative's own content: create what is missing, never touch what exists.

Each content app has a `content.py` module with `load(report)`; `load_initiative_content`
calls them in INSTALLED_APPS order (so exchange and assessment load before roadmap).
Rows are keyed on their slug: a second run finds every row and changes nothing, and a
row a staff member has edited in the admin keeps the edit.

Text comes in English and Spanish: `title="..."` is the English, `title_es="..."` the Spanish
(django-modeltranslation's columns). A database loaded before the Spanish existed gets its
empty Spanish fields filled on the next run; a Spanish text someone wrote is never replaced.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings
from django.db import models

# The suffixes of the columns of the languages other than English: "_es", ...
TRANSLATED_SUFFIXES = tuple(
    f"_{code.replace('-', '_')}"
    for code in settings.MODELTRANSLATION_LANGUAGES
    if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
)


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
    translated: list[str] = field(default_factory=list)  # existing rows given missing Spanish

    def __str__(self):
        return (
            f"{len(self.created)} created, {len(self.kept)} already present (left as they are), "
            f"{len(self.translated)} given their missing Spanish text"
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
    like every other value, so that links changed in the admin are kept too.
    """
    lookup = lookup or {"slug": values["slug"]}
    existing = model._default_manager.filter(**lookup).first()
    label = f"{model._meta.label} " + ", ".join(f"{key}={value}" for key, value in lookup.items())
    if existing is not None:
        report.kept.append(label)
        if _fill_missing_translations(existing, values):
            report.translated.append(label)
        return existing
    obj = model._default_manager.create(**{**values, **lookup})
    for name, related in (m2m or {}).items():
        getattr(obj, name).set(related)
    report.created.append(label)
    return obj


def _fill_missing_translations(obj, values: dict) -> bool:
    """Set each `<field>_<language>` value that is still empty on `obj`; True if any was."""
    missing = {
        name: text
        for name, text in values.items()
        if name.endswith(TRANSLATED_SUFFIXES) and text and not getattr(obj, name, None)
    }
    for name, text in missing.items():
        setattr(obj, name, text)
    if missing:
        obj.save(update_fields=list(missing))  # a save, so cached pages are refreshed too
    return bool(missing)


def load(report: LoadReport) -> None:
    # The site shell's own pages load through the same discovery as every content app.
    from .initiative import load as load_site_pages

    load_site_pages(report)
