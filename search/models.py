from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """One row per public searchable object and content language: site search's index.

    Written by `search.index` (signals, bulk loads, `rebuild_search_index`), read
    by `search.registry` in one query. Texts are as the page in `language` shows them
    (English where a field has no translation), so a search never recomputes them.
    """

    # The registry entry (`search.register`), by model label: results are grouped by it.
    entry = models.CharField(max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=15)
    title = models.TextField()
    # Plain text; the snippet is the summary, or the body when there is no summary.
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # "en" where the page in `language` shows that text in English (not translated yet).
    title_lang = models.CharField(max_length=15, blank=True)
    snippet_lang = models.CharField(max_length=15, blank=True)
    # PostgreSQL only (NULL elsewhere): title A, summary B, body C, in the language's config.
    vector = SearchVectorField(null=True)

    class Meta:
        # The table it had when it lived in cleanindustry/ (moved without a copy).
        db_table = "cleanindustry_searchdocument"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="unique_search_document"
            ),
        ]
        indexes = [
            models.Index(fields=["language", "entry"], name="search_document_language"),
            # Created on PostgreSQL only (see the migration): other databases have no GIN.
            GinIndex(fields=["vector"], name="search_document_vector"),
        ]

    def __str__(self):
        return f"{self.entry} {self.object_id} ({self.language})"
