"""What the home page shows besides its own text: what is new on the site.

The content apps know what is new in their part of it (the latest email updates, the roadmap's
counts, the next event, the key figure) and register a function here from AppConfig.ready(),
so the site shell names none of them. Each function returns context for templates/pages/
home.html (a few rows, in a fixed number of queries however much content there is); the home
page calls each once per render and shows an honest empty state for whatever is missing.
"""

from collections.abc import Callable, Iterator

from django.db.models import Model
from django.utils.module_loading import import_string

_providers: list[Callable[[], dict] | str] = []


def register(provider: Callable[[], dict] | str) -> None:
    """`provider`: a function, or its dotted path (imported at the first render, for an app
    that imports nothing in its AppConfig.ready())."""
    if provider not in _providers:
        _providers.append(provider)


def context() -> dict:
    merged = {}
    for provider in _providers:
        merged.update((import_string(provider) if isinstance(provider, str) else provider)())
    return merged


def rows_shown(context: dict) -> Iterator[Model]:
    """The rows in `context`, alone or in lists: for the notice of text not translated yet."""
    for value in context.values():
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, Model):
                yield item
