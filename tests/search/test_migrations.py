"""SearchDocument moved from cleanindustry to search with its table: a database migrated from
before the move keeps every row, and its content type, permissions, log and revisions."""

import pytest

from search.models import SearchDocument
from tests.migrations import assert_trail_follows, leave_a_trail, migrate_to

BEFORE_THE_MOVE = [("cleanindustry", "0005_search_document"), ("search", None)]


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_index_and_what_points_at_it():
    old = migrate_to(BEFORE_THE_MOVE)
    ContentType = old.get_model("contenttypes", "ContentType")
    page_type, _ = ContentType.objects.get_or_create(app_label="cleanindustry", model="page")
    document = old.get_model("cleanindustry", "SearchDocument").objects.create(
        entry="cleanindustry.Page",
        content_type=page_type,
        object_id=7,
        language="es",
        title="Acerca de",
        summary="La iniciativa",
        body="Texto",
        url="/es/about/",
        title_lang="es",
        snippet_lang="en",
    )
    trail = leave_a_trail(old, document)  # the index keeps no revisions: no fields

    migrate_to()

    moved = SearchDocument.objects.get(pk=document.pk)
    assert (moved.content_type_id, moved.object_id, moved.language, moved.title) == (
        page_type.pk,
        7,
        "es",
        "Acerca de",
    )
    assert (moved.summary, moved.body, moved.url, moved.title_lang, moved.snippet_lang) == (
        "La iniciativa",
        "Texto",
        "/es/about/",
        "es",
        "en",
    )
    assert SearchDocument._meta.db_table == "cleanindustry_searchdocument"
    assert_trail_follows(trail, moved)
