"""Site search's index (search/index.py): one document per public row and content
language, kept in step with saves, publishing, deletes and bulk loads; rebuilt the same."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from exchange.models import Trip
from pages.models import Page, PageSection
from publishing import services as publishing
from roadmap.models import Action
from search import index, registry
from search.models import SearchDocument
from tests.exchange.factories import TripFactory
from tests.roadmap.factories import ActionFactory

pytestmark = pytest.mark.django_db


def documents(obj):
    """{language: (title, url, title_lang, snippet_lang)} of `obj`'s documents."""
    return {
        doc.language: (doc.title, doc.url, doc.title_lang, doc.snippet_lang)
        for doc in SearchDocument.objects.filter(entry=obj._meta.label, object_id=obj.pk).order_by(
            "language"
        )
    }


def found(query, language="en"):
    with translation.override(language):
        return [
            (str(label), r.title, r.url)
            for label, results in registry.search(query)
            for r in results
        ]


def snapshot():
    """The whole index, without its ids (the vector as PostgreSQL prints it)."""
    fields = [f.name for f in SearchDocument._meta.fields if f.name != "id"]
    return sorted(SearchDocument.objects.values_list(*fields))


@pytest.fixture
def about():
    page = Page.objects.create(
        title="About", slug="about", summary="Who we are.", status=Page.Status.PUBLISHED
    )
    PageSection.objects.create(
        page=page, heading="Background", anchor="background", body="<p>Founded in 2022.</p>"
    )
    return page


def test_a_saved_row_is_indexed_in_every_content_language():
    trip = TripFactory(title="Study tour of Aarhus", slug="aarhus", summary="Port and energy.")
    assert documents(trip) == {
        "en": ("Study tour of Aarhus", "/exchange/trips/aarhus/", "", ""),
        # No other language yet: each page shows the English text, marked as English.
        **{
            code: ("Study tour of Aarhus", f"/{code}/exchange/trips/aarhus/", "en", "en")
            for code in settings.MODELTRANSLATION_LANGUAGES
            if code != "en"
        },
    }
    trip.title = "Study tour of Aalborg"
    trip.save()
    assert documents(trip)["en"][0] == "Study tour of Aalborg"
    assert found("Aarhus") == [] and found("Aalborg") == [
        ("Trips", "Study tour of Aalborg", "/exchange/trips/aarhus/")
    ]


def test_a_translation_edit_shows_in_the_spanish_document():
    action = ActionFactory(title="Hub strategy", slug="hub", summary="Plan the hub.")
    assert documents(action)["es"] == ("Hub strategy", "/es/roadmap/actions/hub/", "en", "en")
    action.title_es = "Estrategia del polo"
    action.save()
    assert documents(action)["es"] == (
        "Estrategia del polo", "/es/roadmap/actions/hub/", "", "en"
    )  # fmt: skip
    assert documents(action)["en"][0] == "Hub strategy"
    assert found("polo", "es") == [
        ("Acciones de la hoja de ruta", "Estrategia del polo", "/es/roadmap/actions/hub/")
    ]


def test_publishing_unpublishing_and_deleting_follow():
    trip = TripFactory(title="Expert visit", status=Trip.Status.DRAFT)
    assert documents(trip) == {}
    publishing.publish(trip)
    assert set(documents(trip)) == set(settings.MODELTRANSLATION_LANGUAGES)
    publishing.unpublish(trip)
    assert documents(trip) == {}
    publishing.publish(trip)
    pk = trip.pk
    trip.delete()
    assert not SearchDocument.objects.filter(entry="exchange.Trip", object_id=pk).exists()


def test_restoring_a_revision_is_indexed():
    import reversion
    from reversion.models import Version

    with reversion.create_revision():
        trip = TripFactory(title="Original title")
    trip.title = "Edited title"
    trip.save()
    Version.objects.get_for_object(trip).first().revert()  # a raw save, as the admin's History
    assert documents(trip)["en"][0] == "Original title"


def test_the_beat_task_publishing_scheduled_rows_indexes_them():
    trip = TripFactory(title="Scheduled visit", status=Trip.Status.DRAFT)
    publishing.schedule(trip, publish_at=timezone.now() - datetime.timedelta(minutes=1))
    assert documents(trip) == {}
    assert publishing.publish_due() == 1
    assert set(documents(trip)) == set(settings.MODELTRANSLATION_LANGUAGES)


def test_sections_follow_their_page(about):
    section = about.sections.get()
    assert documents(section)["en"][1] == "/about/#background"
    # The section's address is the page's: a new slug moves it.
    about.slug = "accessibility"
    about.save()
    assert documents(section)["en"][1] == "/accessibility/#background"
    assert documents(section)["es"][1] == "/es/accessibility/#background"
    # Its visibility is the page's too.
    publishing.unpublish(about)
    assert documents(section) == {}
    publishing.publish(about)
    assert set(documents(section)) == set(settings.MODELTRANSLATION_LANGUAGES)
    about.delete()
    assert not SearchDocument.objects.exists()


def test_the_rebuild_is_idempotent_and_equals_the_index_the_signals_keep(about):
    call_command("load_initiative_content", stdout=StringIO())
    action = Action.objects.get(slug="clean-industry-innovation-hub-strategy")
    action.title_es = "Estrategia del polo de innovación"
    action.save()
    publishing.unpublish(Trip.objects.published().first())
    kept = snapshot()
    assert kept
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert f"{len(kept)} documents" in out.getvalue()
    assert snapshot() == kept
    call_command("rebuild_search_index", stdout=StringIO())
    assert snapshot() == kept


def test_a_freshly_loaded_database_has_a_full_index():
    call_command("load_initiative_content", stdout=StringIO())  # as `make run` and deploys do
    for entry in registry.registered():
        public = entry.queryset().count()
        indexed = SearchDocument.objects.filter(entry=entry.key)
        assert indexed.filter(language="en").count() == public, entry.key
        assert indexed.filter(language="es").count() == public, entry.key
    assert found("Kalundborg")


def test_bulk_created_demo_rows_are_indexed():
    call_command("seed_demo_data", scale=1, allow_production=True, stdout=StringIO())
    trips = Trip.objects.published().filter(title__startswith="Example")
    assert trips.exists()
    languages = len(settings.MODELTRANSLATION_LANGUAGES)
    assert SearchDocument.objects.filter(entry="exchange.Trip").count() == languages * trips.count()


def test_a_failed_bulk_load_leaves_the_index_alone(about):
    before = snapshot()
    with pytest.raises(RuntimeError), index.deferred():
        TripFactory(title="Half-loaded")
        raise RuntimeError
    assert snapshot() == before  # nothing indexed while deferred, no rebuild after a failure


def test_a_search_is_one_query_with_each_group_capped_and_ranked():
    for n in range(registry.RESULTS_PER_TYPE + 5):
        TripFactory(title=f"Trip {n:02}", summary="A visit to Denmark.")
        ActionFactory(title=f"Action {n:02}", summary="Learn from Denmark.")
    with CaptureQueriesContext(connection) as queries:
        groups = registry.search("Denmark")
    assert len(queries) == 1
    assert [str(label) for label, _ in groups] == ["Trips", "Roadmap actions"]  # registry order
    assert [len(results) for _, results in groups] == [registry.RESULTS_PER_TYPE] * 2
    assert [r.title for r in groups[0][1]][:3] == ["Trip 00", "Trip 01", "Trip 02"]


def test_the_plain_fallback_needs_every_word_and_runs_one_query(monkeypatch):
    # What SQLite (the embedded run) uses; on PostgreSQL, forced here to test it too.
    monkeypatch.setattr(registry, "_full_text", registry._plain)
    TripFactory(title="Study tour", summary="Visits to Kalundborg <symbiosis> & Aalborg.")
    TripFactory(title="Expert visit", summary="Experts from Kalundborg came to Portland.")
    with CaptureQueriesContext(connection) as queries:
        groups = registry.search("kalundborg AALBORG")
    assert len(queries) == 1
    [(label, [result])] = groups
    assert (str(label), result.title) == ("Trips", "Study tour")
    assert result.snippet == (
        "Visits to <mark>Kalundborg</mark> &lt;symbiosis&gt; &amp; <mark>Aalborg</mark>."
    )


def test_a_page_language_without_content_columns_searches_the_english(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("en-xa", "Pseudo-English")]
    ActionFactory(title="Hub strategy", slug="hub", title_es="Estrategia del polo")
    with translation.override("en-xa"):
        [(_, [result])] = registry.search("hub")
    assert (result.title, result.url) == ("Hub strategy", "/en-xa/roadmap/actions/hub/")
    assert (result.title_lang, result.snippet_lang) == ("en", "en")


def test_a_rebuild_leaves_the_planner_statistics_of_the_index_current():
    """Without them (a new database, until autovacuum comes round) PostgreSQL ran the ranking
    subquery once per row: ten times slower."""
    from tests.services import require_postgres

    require_postgres()
    TripFactory.create_batch(7)
    index.rebuild()
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        (estimated_rows,) = cursor.fetchone()
    assert estimated_rows == SearchDocument.objects.count() > 0
