"""Site search's page (search/views.py) in English and Spanish: each language searches its own
text, with its own stemming on PostgreSQL, and shows English text marked on Spanish pages."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from assessment.models import Finding
from pages.models import Page
from publishing import services as publishing
from search import registry
from tests.languages import get, localised
from tests.roadmap.factories import ActionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


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
    groups = client.get(url, {"q": q}).context["results"]["groups"]
    return [r.title for _, results in groups for r in results if "/roadmap/actions/" in r.url]


def test_kalundborg_leads_to_the_exchange(client, content):
    response = client.get("/search/", {"q": "Kalundborg"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Kalundborg</mark>" in html
    assert 'href="/partners/#kalundborg-symbiosis"' in html
    assert "<h1>Search results for “Kalundborg”</h1>" in html


def test_results_are_grouped_by_type(client, content):
    groups = dict(client.get("/search/", {"q": "Denmark"}).context["results"]["groups"])
    assert "Trips" in groups
    assert "Peer-to-peer learning" in groups or "Exchange programme" in groups
    assert any(r.url == "/exchange/trips/denmark-study-tour-june-2022/" for r in groups["Trips"])


HEADED = {"en": ("strategy", "Roadmap actions"), "es": ("polo", "Acciones de la hoja de ruta")}


def test_results_are_headed_in_the_page_language(client, language):
    ActionFactory(title="Hub strategy", title_es="Estrategia del polo")
    query, heading = HEADED[language]
    other = HEADED["es" if language == "en" else "en"][1]

    response, html = get(client, f"/search/?q={query}", language)

    assert [str(label) for label, _ in response.context["results"]["groups"]] == [heading]
    assert heading in html and other not in html


def test_about_page_sections_are_found(client, content):
    groups = dict(client.get("/search/", {"q": "bachelor"}).context["results"]["groups"])
    assert any(r.url == "/about/#background" for r in groups["Page sections"])


def test_drafts_are_never_found(client, content):
    # (It searched "barriers carbon footprints", which no finding holds all of: it could not fail.)
    found = client.get("/search/", {"q": "carbon"}).context["results"]["groups"]
    assert "Assessment findings" in dict(found)
    for finding in Finding.objects.all():
        publishing.unpublish(finding)  # a save: the search index follows it
    groups = dict(client.get("/search/", {"q": "carbon"}).context["results"]["groups"])
    assert "Assessment findings" not in groups


NO_RESULTS = {
    "en": (
        "<h1>Search results for “zzzqqq”</h1>",
        "No results for “zzzqqq”",
        "Check the spelling",
        '<a href="/roadmap/">roadmap</a>',
        "<h1>Search the portal</h1>",
    ),
    "es": (
        "<h1>Resultados de búsqueda para “zzzqqq”</h1>",
        "No hay resultados para “zzzqqq”.",
        "Revise la ortografía",
        '<a href="/es/roadmap/">hoja de ruta</a>',
        "<h1>Buscar en el portal</h1>",
    ),
}


def test_no_results_page_helps(client, content, language):
    heading, no_results, spelling, roadmap_link, empty_heading = NO_RESULTS[language]
    _, html = get(client, "/search/?q=zzzqqq", language)
    assert heading in html
    assert no_results in html
    assert spelling in html
    assert roadmap_link in html
    _, html = get(client, "/search/", language)
    assert empty_heading in html


def test_an_empty_query_shows_the_form_only(client):
    response = client.get("/search/", {"q": "   "})
    assert response.status_code == 200
    assert response.context["results"]["groups"] == []
    assert 'role="search"' in response.content.decode()


def test_text_in_results_is_escaped(client, content):
    finding = Finding.objects.get(slug="cost-savings")
    finding.summary = "Savings <script>alert(1)</script> for businesses"
    finding.save()  # not a QuerySet.update(): the search index follows saves
    html = client.get("/search/", {"q": "savings"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_search_counts_results_in_english(client, content):
    html = client.get("/search/", {"q": "Kalundborg"}).content.decode()
    assert '<p role="status">2 results.</p>' in html
    html = client.get("/search/", {"q": "Denmark"}).content.decode()
    assert re.search(r'<p role="status">\d+ results in \d+ kinds of content\.</p>', html)


SEVERAL_KINDS = {"en": "energy", "es": "energía"}


def test_search_runs_one_query_whatever_the_number_of_content_types(client, content, language):
    url = localised("/search/", language)
    client.get(url)  # the navigation and footer, kept for every page from now on
    with CaptureQueriesContext(connection) as page_alone:
        client.get(url)
    with CaptureQueriesContext(connection) as with_results:
        response = client.get(url, {"q": SEVERAL_KINDS[language]})
    assert len(response.context["results"]["groups"]) > 1  # several content types found...
    assert len(with_results) - len(page_alone) == 1  # ...by one query
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        registry.search(SEVERAL_KINDS[language])
    assert len(queries) == 1


def test_postgres_ranks_title_matches_first(client, content, postgres):
    Finding.objects.create(
        kind=Finding.Kind.LANDSCAPE,
        title="A finding about something else",
        slug="mentions-in-body-only",
        summary="Nothing here.",
        body="<p>Somewhere in the body it says hydrogen.</p>",
        status=Finding.Status.PUBLISHED,
    )
    Finding.objects.create(
        kind=Finding.Kind.OPPORTUNITY,
        title="Hydrogen for high-temperature heat",
        slug="hydrogen-title",
        summary="Could fuel processes electricity cannot.",
        status=Finding.Status.PUBLISHED,
    )
    groups = dict(client.get("/search/", {"q": "hydrogen"}).context["results"]["groups"])
    slugs = [r.url.rstrip("/").rsplit("/", 1)[-1] for r in groups["Assessment findings"]]
    assert slugs == ["hydrogen-title", "mentions-in-body-only"]


# --- Each language searches its own text -----------------------------------------------------

# (a word of the page's language, the title found, a word of the other language's text)
OWN_TEXT = {
    "en": ("industry", "Clean industry hub strategy", "industria"),
    "es": ("industria", "Estrategia del polo de industria limpia", "industry"),
}


def test_a_page_searches_the_text_of_its_language(client, actions, language):
    # Full-text search on PostgreSQL (CI), the plain match elsewhere: the same answers.
    word, title, other_word = OWN_TEXT[language]
    url = localised("/search/", language)
    assert titles(client, url, word) == [title]
    assert titles(client, url, other_word) == []


def test_an_untranslated_row_is_found_by_its_english_text_on_spanish_pages(client, actions):
    response = client.get("/es/search/", {"q": "Kalundborg"})
    html = response.content.decode()
    assert "Kalundborg follow-up visit" in html
    assert "/es/roadmap/actions/" in html  # and the result stays in Spanish pages
    assert 'lang="en"' in html  # its English title is marked as such


# (query, title, the summary shown, the other language's summary, the result's address)
HIGHLIGHTED = {
    "en": (
        "industry",
        "Action for a clean industry",
        "Work with partners",
        "Trabajar con los socios",
        "/roadmap/actions/accion/",
    ),
    "es": (
        "industria",
        "Una acción por la industria limpia",
        "Trabajar con los socios",
        "Work with partners",
        "/es/roadmap/actions/accion/",
    ),
}


def test_results_highlight_the_text_and_link_to_pages_of_the_page_language(
    client, accion, language
):
    query, title, summary, other_summary, href = HIGHLIGHTED[language]
    html = client.get(localised("/search/", language), {"q": query}).content.decode()
    assert title in html
    assert f"<mark>{query}</mark>" in html  # in the summary the result shows
    assert summary in html and other_summary not in html
    assert f'href="{href}"' in html


def test_spanish_results_mark_english_text(rf, content):
    # A Spanish title with an English summary: the summary's snippet is marked lang="en".
    page = Page.objects.get(slug="about")
    page.title_es = "Acerca de la iniciativa"
    page.summary_es = ""
    page.save()  # a save: the search index follows it
    entry = next(entry for entry in registry.registered() if entry.model is Page)

    def found(query):
        results = {str(label): results for label, results in registry.search(query)}
        return next(r for r in results[str(entry.label)] if r.url.endswith("/about/"))

    with translation.override("es"):
        result = found("iniciativa")
        assert (result.title, result.title_lang, result.snippet_lang) == (
            "Acerca de la iniciativa", "", "en"
        )  # fmt: skip
        request = rf.get("/es/search/", {"q": "iniciativa"})
        found_one = {"groups": [(entry.label, [result])], "total": 1}
        context = {"query": "iniciativa", "results": found_one}
        html = render_to_string("search/search.html", context, request=request)
    assert '<p role="status">1 resultado.</p>' in html
    assert '<h2 id="results-1" class="h4">Páginas</h2>' in html
    assert '<a href="/es/about/" class="fw-semibold">Acerca de la iniciativa</a>' in html
    assert '<p class="mb-0" lang="en">A collaboration of public' in html
    with translation.override("en"):
        assert found("initiative").snippet_lang == ""


# --- PostgreSQL: each language's stemming ----------------------------------------------------

# (the title found, words that find it, words that do not)
STEMMED = {
    # English pages search the English text with English stemming.
    "en": ("Action for a clean industry", ["industries"], ["acciones"]),
    # "acciones" (plural, no accent) and "acción" share the stem "accion" in Spanish.
    "es": ("Una acción por la industria limpia", ["industria", "acciones", "limpias"], []),
}


def test_postgres_stems_words_in_the_page_language(client, accion, postgres, language):
    title, finding, missing = STEMMED[language]
    url = localised("/search/", language)
    for word in finding:
        assert titles(client, url, word) == [title], word
    for word in missing:
        assert titles(client, url, word) == [], word


def test_postgres_finds_other_forms_of_a_spanish_word(client, actions, postgres):
    # "estrategias" (plural) and "planificando" (a gerund) match through the Spanish stemming.
    assert titles(client, "/es/search/", "estrategias") == [
        "Estrategia del polo de industria limpia"
    ]
    assert titles(client, "/es/search/", "planificando") == [
        "Estrategia del polo de industria limpia"
    ]
