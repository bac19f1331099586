"""Search on Spanish pages: the Spanish text, Spanish stemming, English for untranslated rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from search import registry
from tests.roadmap.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actions():
    return {
        "translated": ActionFactory(
            title_en="Clean industry hub strategy",
            title_es="Estrategia del polo de industria limpia",
            summary_en="Plan the hub with partners.",
            summary_es="Planificar el polo con los socios y otras acciones.",
        ),
        "english_only": ActionFactory(
            title_en="Kalundborg follow-up visit", summary_en="Go back to Denmark."
        ),
    }


@pytest.fixture
def accion():
    return ActionFactory(
        slug="accion",
        title_en="Action for a clean industry",
        title_es="Una acción por la industria limpia",
        summary_en="Work with partners on a hub for clean industry.",
        summary_es="Trabajar con los socios en un polo para la industria limpia.",
    )


def titles(client, url, q):
    """The roadmap actions found (whatever the heading of their group says in that language)."""
    groups = client.get(url, {"q": q}).context["groups"]
    return [r.title for _, results in groups for r in results if "/roadmap/actions/" in r.url]


def test_spanish_pages_search_the_spanish_text(client, actions):
    # Full-text search on PostgreSQL (CI), the plain match elsewhere: the same answers.
    assert titles(client, "/es/search/", "industria") == ["Estrategia del polo de industria limpia"]
    assert titles(client, "/search/", "industria") == []  # English pages: English text
    assert titles(client, "/search/", "industry") == ["Clean industry hub strategy"]


def test_an_untranslated_row_is_found_by_its_english_text_on_spanish_pages(client, actions):
    response = client.get("/es/search/", {"q": "Kalundborg"})
    html = response.content.decode()
    assert "Kalundborg follow-up visit" in html
    assert "/es/roadmap/actions/" in html  # and the result stays in Spanish pages
    assert 'lang="en"' in html  # its English title is marked as such


def test_spanish_stemming_finds_other_forms_of_a_word(client, actions, postgres):
    # "acciones" (plural) matches "acción"-family words through the Spanish configuration.
    assert titles(client, "/es/search/", "estrategias") == [
        "Estrategia del polo de industria limpia"
    ]
    assert titles(client, "/es/search/", "planificando") == [
        "Estrategia del polo de industria limpia"
    ]


def test_spanish_results_highlight_the_spanish_text_and_link_to_spanish_pages(client, accion):
    html = client.get("/es/search/", {"q": "industria"}).content.decode()
    assert "Una acción por la industria limpia" in html
    assert "<mark>industria</mark>" in html  # in the Spanish summary the result shows
    assert "Trabajar con los socios" in html and "Work with partners" not in html
    assert 'href="/es/roadmap/actions/accion/"' in html
    english = client.get("/search/", {"q": "industry"}).content.decode()
    assert "<mark>industry</mark>" in english and 'href="/roadmap/actions/accion/"' in english


def test_spanish_search_runs_one_query(client, actions, settings):
    client.get("/es/search/")  # the navigation and footer, kept for every page from now on
    with CaptureQueriesContext(connection) as page_alone:
        client.get("/es/search/")
    with CaptureQueriesContext(connection) as with_results:
        response = client.get("/es/search/", {"q": "industria"})
    assert response.context["groups"]
    assert len(with_results) - len(page_alone) == 1
    with translation.override("es"), CaptureQueriesContext(connection) as queries:
        registry.search("industria")
    assert len(queries) == 1


def test_postgres_searches_spanish_with_spanish_stemming(client, accion, postgres):
    assert titles(client, "/es/search/", "industria") == ["Una acción por la industria limpia"]
    # "acciones" (plural, no accent) and "acción" share the stem "accion" in Spanish.
    assert titles(client, "/es/search/", "acciones") == ["Una acción por la industria limpia"]
    assert titles(client, "/es/search/", "limpias") == ["Una acción por la industria limpia"]
    # English pages search the English text with English stemming.
    assert titles(client, "/search/", "acciones") == []
    assert titles(client, "/search/", "industries") == ["Action for a clean industry"]


def test_spanish_pages_group_results_under_spanish_headings(client, actions):
    html = client.get("/es/search/", {"q": "estrategia"}).content.decode()

    assert "Acciones de la hoja de ruta" in html
    assert "Roadmap actions" not in html
