"""Search on Spanish pages: the Spanish text, Spanish stemming, English for untranslated rows."""

import pytest

from cleanindustry import search
from roadmap.models import Action
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


def titles(client, url, q):
    # The group's heading is in the page's language ("Acciones de la hoja de ruta" on /es/).
    label = next(entry.label for entry in search.registered() if entry.model is Action)
    groups = client.get(url, {"q": q}).context["groups"]
    return [result.title for heading, results in groups if heading == label for result in results]


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


def test_spanish_pages_group_results_under_spanish_headings(client, actions):
    html = client.get("/es/search/", {"q": "estrategia"}).content.decode()

    assert "Acciones de la hoja de ruta" in html
    assert "Roadmap actions" not in html
