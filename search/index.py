"""Site search's index: one `SearchDocument` per public searchable object and content language.

A search reads this table in one query (`search/registry.py`) instead of working out every
row's text and vector on every request. What keeps it current:

- post_save / post_delete of a registered model reindex that row, and the rows whose URL or
  visibility follow it (`parents=` in `registry.register`: a page's sections). Publishing,
  unpublishing and the beat task that publishes scheduled rows all save, so they are covered.
- Code that writes content without signals (bulk loads: `load_initiative_content`,
  `seed_demo_data`) runs inside `deferred()`, which rebuilds the whole index at the end.
- `manage.py rebuild_search_index` rebuilds it from scratch: after a change made behind the
  signals' back (a `QuerySet.update()`, a data migration, a new content language).
"""

import html
import re
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch
from django.utils import translation

from core import cache
from core.templatetags.translated import shown_language

from . import registry
from .models import SearchDocument

BATCH = 500
# What a fresh document replaces in an existing one (the vector is filled in afterwards).
REPLACED = ["entry", "title", "summary", "body", "url", "title_lang", "snippet_lang", "vector"]
_state = threading.local()


def languages() -> tuple[str, ...]:
    """The languages content is written in: each public row has a document in each."""
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def plain_text(html_text: str) -> str:
    """Words of sanitised HTML, tags made spaces (so "<p>a</p><p>b</p>" is two words) and
    entities decoded (the snippet is escaped once, when shown)."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", html_text or "")).split())


def documents(entry: registry.Searchable, row, content_type=None) -> list[SearchDocument]:
    """`row`'s documents, one per language, as the pages in that language show it."""
    content_type = content_type or ContentType.objects.get_for_model(entry.model)
    built = []
    for language in languages():
        # Under the language, modeltranslation shows the language's text or the English
        # (what the page shows) and reverse() gives the language's address.
        with translation.override(language):
            try:
                url = row.get_absolute_url()
            except NoReverseMatch:
                return []  # no public address (a page without a view): nothing to link to
            summary = (getattr(row, entry.summary) or "") if entry.summary else ""
            body = plain_text(getattr(row, entry.body)) if entry.body else ""
            built.append(
                SearchDocument(
                    entry=entry.key,
                    content_type=content_type,
                    object_id=row.pk,
                    language=language,
                    title=getattr(row, entry.title) or "",
                    summary=summary,
                    body=body,
                    url=url,
                    title_lang=_other_language(row, entry.title),
                    # The snippet is the summary, or the body where the summary is empty.
                    snippet_lang=_other_language(row, entry.summary if summary else entry.body),
                )
            )
    return built


def _other_language(row, field: str | None) -> str:
    """The language `row.<field>` is shown in when it is not the active one (an untranslated
    row on a Spanish page: "en"); else ""."""
    if not field:
        return ""
    shown = shown_language(row, field)
    return "" if shown == translation.get_language() else shown


def vector():
    """Weighted: title A, summary B, body C, each row in its language's configuration."""
    config = models.Case(
        *[
            models.When(language=language, then=models.Value(registry.config_for(language)))
            for language in languages()
        ],
        default=models.Value("simple"),
    )
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def _write(entry: registry.Searchable, rows: Iterable) -> None:
    content_type = ContentType.objects.get_for_model(entry.model)
    batch = []
    for row in rows:
        batch += documents(entry, row, content_type)
        if len(batch) >= BATCH:
            _save(batch)
            batch = []
    _save(batch)


def _save(batch: list[SearchDocument]) -> None:
    # An upsert: two saves of one row at once (two editors) must not trip the unique constraint.
    SearchDocument.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["content_type", "object_id", "language"],
        update_fields=REPLACED,
    )


def _delete(documents) -> None:
    # A plain DELETE: the ORM's delete() would load each row to send signals nobody needs here.
    documents._raw_delete(documents.db)


def _fill_vectors(documents) -> None:
    if connection.vendor == "postgresql":
        documents.update(vector=vector())


def reindex(model, pks: Iterable) -> None:
    """Bring the documents of `model`'s rows `pks` up to date, and those of their dependants.
    A row that is no longer public (or no longer exists) loses its documents."""
    pks = list(pks)
    if not pks:
        return
    entry = registry.entry_for(model)
    if entry is not None:
        with transaction.atomic():
            content_type = ContentType.objects.get_for_model(model)
            mine = SearchDocument.objects.filter(content_type=content_type, object_id__in=pks)
            public = list(entry.queryset().filter(pk__in=pks))
            _write(entry, public)
            written = [row.pk for row in public]
            _delete(mine.exclude(object_id__in=written, language__in=languages()))
            _fill_vectors(mine)
        cache.content_changed()  # cached search results
    for child, field in _dependants(model):
        reindex(
            child.model,
            child.model._default_manager.filter(**{f"{field}__in": pks}).values_list(
                "pk", flat=True
            ),
        )


def _dependants(model) -> list[tuple[registry.Searchable, str]]:
    """The registered entries (and their foreign key) whose rows follow a `model` row."""
    return [
        (entry, field)
        for entry in registry.registered()
        for field in entry.parents
        if entry.model._meta.get_field(field).related_model is model
    ]


def rebuild() -> None:
    """The whole index from scratch, in one transaction: searches see the old index until the
    new one is committed. Idempotent."""
    with transaction.atomic():
        _delete(SearchDocument.objects.all())
        for entry in registry.registered():
            _write(entry, entry.queryset().iterator(chunk_size=BATCH))
        _fill_vectors(SearchDocument.objects.all())
        cache.content_changed()  # cached search results
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner: with none (a new database, before autovacuum
        # comes round) it took the index for one row and ran the ranking subquery once per
        # row, ten times slower.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(SearchDocument._meta.db_table)}")


@contextmanager
def deferred():
    """No indexing row by row inside (a bulk load saves or bulk-creates many rows); one
    rebuild at the end, if the block succeeds."""
    depth = getattr(_state, "deferred", 0)
    _state.deferred = depth + 1
    try:
        yield
    finally:
        _state.deferred = depth
    if depth == 0:
        rebuild()


def _changed(sender, instance, **kwargs):
    # Raw saves too: restoring a revision (django-reversion) is one. Loading fixtures is safe:
    # reindex reads the rows back, so a section loaded before its page is indexed with the page.
    if getattr(_state, "deferred", 0):
        return
    if registry.entry_for(sender) is not None or _dependants(sender):
        reindex(sender, [instance.pk])


def connect_signals() -> None:
    """Connected once from CleanIndustryConfig.ready()."""
    post_save.connect(_changed, dispatch_uid="search_index.saved")
    post_delete.connect(_changed, dispatch_uid="search_index.deleted")
