"""Loading the initiative's own content: create what is missing, never touch what exists.

Each content app has a `content.py` module with `load(report)`; `load_initiative_content`
calls them in INSTALLED_APPS order (so exchange and assessment load before roadmap).
Rows are keyed on their slug: a second run finds every row and changes nothing, and a
row a staff member has edited in the admin keeps the edit.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.db import models


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

    def __str__(self):
        return f"{len(self.created)} created, {len(self.kept)} already present (left as they are)"


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
        return existing
    obj = model._default_manager.create(**{**values, **lookup})
    for name, related in (m2m or {}).items():
        getattr(obj, name).set(related)
    report.created.append(label)
    return obj


def load(report: LoadReport) -> None:
    # The site shell's own pages load through the same discovery as every content app.
    from .initiative import load as load_site_pages

    load_site_pages(report)
