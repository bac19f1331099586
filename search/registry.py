"""Site search across every public content type.

Content apps register their models here from `AppConfig.ready()`, so the site shell searches
them without importing them. Each public row is kept in an index table, one `SearchDocument`
per content language (`search/index.py` writes it), so a search is one query
whatever the number of content types, and never recomputes texts or vectors. PostgreSQL ranks
with weighted full-text search (titles above summaries above bodies, a GIN index on the stored
vector) and highlights the matching words; other databases fall back to a plain
case-insensitive match where every word must appear.

Searches run in the page's language: on /es/search/ the Spanish text of each row (or its English
text, for a row not translated yet) with PostgreSQL's Spanish stemming, so "acciones" finds
"acción"; on English pages the English text with English stemming. A page language without
content columns (not in MODELTRANSLATION_LANGUAGES) searches the English documents.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, models
from django.db.models.functions import Coalesce, NullIf, RowNumber
from django.urls import translate_url
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

MAX_QUERY_LENGTH = 200
RESULTS_PER_TYPE = 20
SNIPPET_WORDS = 30
# PostgreSQL's own text-search configurations (stemming, stop words) for the languages it has
# one for; "simple" (whole words, no stemming) for the others.
SEARCH_CONFIGS = {
    "en": "english",
    "es": "spanish",
    "ru": "russian",
    "ro": "romanian",
    "ar": "arabic",
}
# Languages written without spaces between words: PostgreSQL's parser would take a whole
# sentence for one word, so their pages search for the text itself (as the database without
# PostgreSQL does for every language).
UNSPACED = {"zh-hans", "ja", "lo"}
# Sentinels around highlighted words, so the text can be escaped before <mark> is added.
START, STOP = "\x02", "\x03"
# What a search reads back from a document (besides its snippet).
FIELDS = ("entry", "title", "url", "title_lang", "snippet_lang")


@dataclass(frozen=True)
class Searchable:
    model: type[models.Model]
    label: str
    title: str = "title"
    summary: str | None = "summary"
    body: str | None = "body"
    public: Callable[[], models.QuerySet] | None = None
    # Foreign keys whose target decides this row's URL or visibility (a section's page): a
    # change to the target reindexes the rows pointing at it.
    parents: tuple[str, ...] = ()

    def queryset(self):
        return self.public() if self.public else self.model._default_manager.published()

    @property
    def key(self) -> str:
        """What the index stores for this entry: stable across restarts and registrations."""
        return self.model._meta.label


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

    Options: the `title`, `summary` (plain text) and `body` (HTML) field names; `public`,
    a callable returning the rows the public may see (default: `published()`); and `parents`,
    the foreign keys whose target's changes change this row's URL or visibility.
    """
    if not any(entry.model is model for entry in _registry):
        _registry.append(Searchable(model, label, **options))


def registered() -> list[Searchable]:
    return list(_registry)


def entry_for(model) -> Searchable | None:
    return next((entry for entry in _registry if entry.model is model), None)


def config_for(language: str) -> str:
    return SEARCH_CONFIGS.get(language.split("-")[0], "simple")


def normalise(query: str) -> str:
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def search(query: str) -> list[tuple[str, list[Result]]]:
    """Results grouped by content type, in registration order; empty groups are left out.
    One SQL query."""
    from .models import SearchDocument

    query = normalise(query)
    if not query:
        return []
    page_language = get_language() or settings.LANGUAGE_CODE
    language = (
        page_language
        if page_language in settings.MODELTRANSLATION_LANGUAGES
        else settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    )
    documents = SearchDocument.objects.filter(language=language)
    full_text = connection.vendor == "postgresql" and language not in UNSPACED
    find = _full_text if full_text else _plain
    groups = defaultdict(list)
    for row in find(documents, query, language):
        groups[row["entry"]].append(_result(row, page_language, language))
    # Group order comes from the registry, not the index: reordering needs no rebuild.
    return [(entry.label, groups[entry.key]) for entry in _registry if groups.get(entry.key)]


def _snippet_source():
    """The summary, or the body where the row has no summary."""
    return Coalesce(NullIf(models.F("summary"), models.Value("")), models.F("body"))


def _full_text(documents, query: str, language: str) -> list[dict]:
    config = config_for(language)
    search_query = SearchQuery(query, search_type="websearch", config=config)
    rank = SearchRank(models.F("vector"), search_query)
    # The best RESULTS_PER_TYPE of each entry, by a window over the matches (`@@` uses the GIN
    # index; rank > 0 drops what only a negation matched, as before)...
    best = (
        documents.filter(vector=search_query)
        .annotate(rank=rank)
        .filter(rank__gt=0)
        .annotate(
            position=models.Window(
                RowNumber(),
                partition_by=models.F("entry"),
                order_by=[models.F("rank").desc(), models.F("title").asc(), models.F("pk").asc()],
            )
        )
        .filter(position__lte=RESULTS_PER_TYPE)
    )
    # ...then snippets for those rows only: ts_headline is the costly part of a search.
    rows = (
        documents.filter(pk__in=best.values("pk"))
        .annotate(
            rank=rank,
            snippet=SearchHeadline(
                _snippet_source(),
                search_query,
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=SNIPPET_WORDS,
                min_words=10,
                highlight_all=True,
            ),
        )
        .order_by("-rank", "title", "pk")
    )
    return list(rows.values(*FIELDS, "snippet"))


def _plain(documents, query: str, language: str) -> list[dict]:
    words = query.split()
    for word in words:
        documents = documents.filter(
            models.Q(title__icontains=word)
            | models.Q(summary__icontains=word)
            | models.Q(body__icontains=word)
        )
    rows = (
        documents.annotate(
            position=models.Window(
                RowNumber(),
                partition_by=models.F("entry"),
                order_by=[models.F("title").asc(), models.F("pk").asc()],
            )
        )
        .filter(position__lte=RESULTS_PER_TYPE)
        .order_by("title", "pk")
        .values(*FIELDS, "summary", "body")
    )
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    results = []
    for row in rows:
        text = Truncator(row["summary"] or row["body"]).words(SNIPPET_WORDS)
        results.append({**row, "snippet": pattern.sub(lambda m: START + m[0] + STOP, text)})
    return results


def _result(row: dict, page_language: str, language: str) -> Result:
    highlighted = escape(row["snippet"]).replace(START, "<mark>").replace(STOP, "</mark>")
    url, title_lang, snippet_lang = row["url"], row["title_lang"], row["snippet_lang"]
    if page_language != language:
        # A page language with no documents of its own reads the English ones: the text is
        # English (marked so) and the link goes to the page in the visitor's language.
        with translation.override(language):
            url = translate_url(url, page_language)
        title_lang, snippet_lang = title_lang or language, snippet_lang or language
    return Result(
        title=row["title"],
        url=url,
        snippet=mark_safe(highlighted),  # escaped above: only <mark> is added
        title_lang=title_lang,
        snippet_lang=snippet_lang,
    )
