"""Site search across every public content type.

Content apps register their models here from `AppConfig.ready()`, so the site shell searches
them without importing them. PostgreSQL ranks with weighted full-text search (titles above
summaries above bodies) and highlights the matching words; other databases fall back to a
plain case-insensitive match.

Searches run in the page's language: on /es/search/ the Spanish text of each row (or its English
text, for a row not translated yet) with PostgreSQL's Spanish stemming, so "acciones" finds
"acción"; on English pages the English text with English stemming.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, translator

from .sanitize import html_to_text

MAX_QUERY_LENGTH = 200
RESULTS_PER_TYPE = 20
SNIPPET_WORDS = 30
# PostgreSQL text-search configurations (stemming, stop words) per language; "simple" elsewhere.
SEARCH_CONFIGS = {"en": "english", "es": "spanish"}
# Sentinels around highlighted words, so the text can be escaped before <mark> is added.
START, STOP = "\x02", "\x03"


@dataclass(frozen=True)
class Searchable:
    model: type[models.Model]
    label: str
    title: str = "title"
    summary: str | None = "summary"
    body: str | None = "body"
    public: Callable[[], models.QuerySet] | None = None

    def queryset(self):
        return self.public() if self.public else self.model._default_manager.published()


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    snippet: str
    # The language a text is shown in when it is not the page's (an untranslated row): "en".
    title_lang: str = ""
    snippet_lang: str = ""


_registry: list[Searchable] = []


def register(model, *, label: str, **options) -> None:
    """Make `model` searchable under the heading `label`.

    Options: the `title`, `summary` (plain text) and `body` (HTML) field names, and `public`,
    a callable returning the rows the public may see (default: `published()`).
    """
    if not any(entry.model is model for entry in _registry):
        _registry.append(Searchable(model, label, **options))


def registered() -> list[Searchable]:
    return list(_registry)


def normalise(query: str) -> str:
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def search(query: str) -> list[tuple[str, list[Result]]]:
    """Results grouped by content type, in registration order; empty groups are left out."""
    query = normalise(query)
    if not query:
        return []
    find = _full_text if connection.vendor == "postgresql" else _plain
    groups = [(entry.label, find(entry, query)) for entry in _registry]
    return [(label, results) for label, results in groups if results]


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _text(entry: Searchable, field: str):
    """`field` as the page shows it: in the page's language, or in English where that is
    empty (what modeltranslation's fallback shows). Untranslated models: the field itself."""
    try:
        translated = translator.get_options_for_model(entry.model).all_fields
    except NotRegistered:
        translated = {}
    if field not in translated:
        return models.F(field)
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    language = _language().replace("-", "_")
    english = models.F(f"{field}_{default}")
    if language == default or f"{field}_{language}" not in {
        f.name for f in entry.model._meta.get_fields()
    }:
        return english
    return Coalesce(
        NullIf(models.F(f"{field}_{language}"), models.Value("")),
        english,
        output_field=models.TextField(),
    )


def _strip_tags(text):
    return models.Func(
        Coalesce(text, models.Value("")),
        models.Value("<[^>]+>"),
        models.Value(" "),
        models.Value("g"),
        function="regexp_replace",
        output_field=models.TextField(),
    )


def _full_text(entry: Searchable, query: str) -> list[Result]:
    config = SEARCH_CONFIGS.get(_language().split("-")[0], "simple")
    title = _text(entry, entry.title)
    vector = SearchVector(title, weight="A", config=config)
    if entry.summary:
        vector += SearchVector(_text(entry, entry.summary), weight="B", config=config)
    if entry.body:
        vector += SearchVector(_strip_tags(_text(entry, entry.body)), weight="C", config=config)
    search_query = SearchQuery(query, search_type="websearch", config=config)
    snippet_source = (
        _text(entry, entry.summary) if entry.summary else _strip_tags(_text(entry, entry.body))
    )
    rows = (
        entry.queryset()
        .annotate(
            rank=SearchRank(vector, search_query),
            snippet=SearchHeadline(
                snippet_source,
                search_query,
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=SNIPPET_WORDS,
                min_words=10,
                highlight_all=True,
            ),
        )
        .filter(rank__gt=0)
        .annotate(shown_title=title)
        .order_by("-rank", "shown_title")[:RESULTS_PER_TYPE]
    )
    return [_result(entry, row, row.snippet) for row in rows]


def _plain(entry: Searchable, query: str) -> list[Result]:
    words = query.split()
    fields = [f for f in (entry.title, entry.summary, entry.body) if f]
    rows = entry.queryset().annotate(**{f"shown_{field}": _text(entry, field) for field in fields})
    for word in words:
        condition = models.Q()
        for field in fields:
            condition |= models.Q(**{f"shown_{field}__icontains": word})
        rows = rows.filter(condition)
    results = []
    for row in rows.order_by(f"shown_{entry.title}")[:RESULTS_PER_TYPE]:
        text = (entry.summary and getattr(row, entry.summary)) or html_to_text(
            getattr(row, entry.body or "", "") or ""
        )
        text = Truncator(text).words(SNIPPET_WORDS)
        pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
        results.append(_result(entry, row, pattern.sub(lambda m: START + m[0] + STOP, text)))
    return results


def _other_language(row, field: str | None) -> str:
    """The language `row.<field>` is shown in, when it is not the page's; else ""."""
    from .templatetags.translated import DEFAULT, shown_language

    if not field:
        return ""
    shown = shown_language(row, field)
    return "" if shown == (get_language() or DEFAULT) else shown


def _result(entry: Searchable, row, snippet: str) -> Result:
    highlighted = escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")
    return Result(
        title=getattr(row, entry.title),
        url=row.get_absolute_url(),
        snippet=mark_safe(highlighted),  # escaped above: only <mark> is added
        title_lang=_other_language(row, entry.title),
        snippet_lang=_other_language(row, entry.summary or entry.body),
    )
