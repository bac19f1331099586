"""The roadmap in Spanish at /es/roadmap/: interface, statuses, dates, charts and email drafts."""

import datetime
import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import get_format

from core.charts import Bar, bar_chart, format_number, stacked_bar_chart
from roadmap import services
from roadmap.models import Action
from subscriptions.models import Topic
from tests.assessment.factories import FindingFactory
from tests.exchange.factories import RecommendationFactory
from tests.outline import assert_accessible, section
from tests.roadmap.factories import (
    ActionFactory,
    OrganisationFactory,
    ProgressNoteFactory,
    ThemeFactory,
)
from tests.spanish import NOTICE, _fresh_cache_and_english_outside_requests, get  # noqa: F401

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def main_of(html):
    return html[html.index("<main") : html.index("</main>")]


def chart(html, chart_id):
    svg = re.search(rf'<svg [^>]*id="{chart_id}".*?</svg>', html, re.S).group(0)
    return ElementTree.fromstring(svg)


def texts(root):
    return [element.text for element in root.iter(f"{SVG}text")]


@pytest.fixture
def roadmap():
    """A translated theme with two actions, one translated, and dated progress notes."""
    theme = ThemeFactory(title="Innovation hub", title_es="Polo de innovación", order=1)
    other_theme = ThemeFactory(title="Learning with Denmark", order=2)
    translated = ActionFactory(
        theme=theme,
        title="Write the strategy",
        title_es="Escribir la estrategia",
        summary="A strategy for the hub.",
        summary_es="Una estrategia para el polo.",
        progress=Action.Progress.IN_PROGRESS,
        lead=OrganisationFactory(name="City of Portland", name_es="Ciudad de Portland"),
        timeframe="2023",
    )
    english_only = ActionFactory(
        theme=other_theme,
        title="Explore agreements",
        summary="Talks with Danish partners.",
        progress=Action.Progress.PLANNED,
    )
    ProgressNoteFactory(
        action=translated,
        date=datetime.date(2022, 3, 1),
        progress=Action.Progress.PLANNED,
        text="Kick-off.",
        text_es="Inicio.",
    )
    ProgressNoteFactory(
        action=translated,
        date=datetime.date(2023, 6, 9),
        progress=Action.Progress.IN_PROGRESS,
        text="Draft shared.",
    )
    return translated, english_only


def test_spanish_roadmap_index_speaks_spanish(client, roadmap):
    response, html = get(client, "/es/roadmap/")

    outline = assert_accessible(response)
    assert outline.headings[0] == (1, "Hoja de ruta: próximos pasos")
    assert "<title>Hoja de ruta: próximos pasos" in html
    assert '<li class="breadcrumb-item active" aria-current="page">Hoja de ruta</li>' in html
    assert "2 acciones en la hoja de ruta: 1 planificada, 1 en curso." in html
    assert "Estado: En curso" in html and "Estado: Planificada" in html
    assert "(1 acción)" in html
    for heading in ("Temas", "El avance de un vistazo", "Acciones por estado"):
        assert heading in [text for _, text in outline.headings]
    assert "<dt>Responsable</dt>" in html and ">Plazo</dt>" in html
    assert "No se indica" in html  # the English-only action has no timeframe
    assert "<caption>Acciones de la hoja de ruta por estado, hoy</caption>" in html
    assert '<th scope="col">Estado</th><th scope="col">Acciones</th>' in html
    assert '<tr><th scope="row">Planificada</th><td>1</td></tr>' in html
    assert '<th scope="col">Año</th><th scope="col">Planificada</th>' in html
    assert "Descargue las acciones de la hoja de ruta como datos abiertos" in html
    for english in ("Status:", "steps on the roadmap", "Not stated", "Progress at a glance"):
        assert english not in main_of(html)


def test_spanish_roadmap_charts_are_in_spanish(client, roadmap):
    _, html = get(client, "/es/roadmap/")

    status = chart(html, "status-chart")
    assert status.find(f"{SVG}title").text == "Acciones de la hoja de ruta por estado"
    assert status.find(f"{SVG}desc").text == "Planificada: 1; En curso: 1."
    assert texts(status) == ["Planificada", "1", "En curso", "1"]

    progress = chart(html, "progress-chart")
    assert progress.find(f"{SVG}title").text == (
        "Acciones de la hoja de ruta por estado al final de cada año"
    )
    assert progress.find(f"{SVG}desc").text == (
        "Según los avances registrados con fecha. 2022: 1 planificada, 0 en curso. "
        "2023: 0 planificadas, 1 en curso."
    )
    words = texts(progress)
    assert words[:2] == ["Planificada", "En curso"]  # the legend
    assert words.count("Total 1") == 2


def test_translated_theme_and_action_show_spanish_and_english_ones_are_marked(client, roadmap):
    translated, english_only = roadmap

    _, html = get(client, "/es/roadmap/")

    assert f'<h2 id="{translated.theme.slug}-heading">Polo de innovación</h2>' in html
    assert f'<h2 id="{english_only.theme.slug}-heading" lang="en">Learning with Denmark</h2>' in (
        html
    )
    assert f'href="{translated.get_absolute_url()}">Escribir la estrategia</a>' in html
    assert '<p class="card-text">Una estrategia para el polo.</p>' in html
    assert f'href="{english_only.get_absolute_url()}" lang="en">Explore agreements</a>' in html
    assert '<p class="card-text" lang="en">Talks with Danish partners.</p>' in html
    assert ">Ciudad de Portland</a>" in html
    assert NOTICE in html  # one action is still in English


def test_roadmap_without_english_text_has_no_notice(client):
    theme = ThemeFactory(title="Hub", title_es="Polo")
    ActionFactory(theme=theme, title="Step", title_es="Paso", summary_es="Resumen.")

    _, html = get(client, "/es/roadmap/")

    assert NOTICE not in html
    assert 'lang="en"' not in main_of(html)


def test_spanish_action_page(client, roadmap):
    translated, _ = roadmap
    finding = FindingFactory(title="Hub models", title_es="Modelos de polos")
    recommendation = RecommendationFactory(title="Recover waste heat")
    translated.findings.add(finding)
    translated.recommendations.add(recommendation)
    url = translated.get_absolute_url()
    assert url.startswith("/roadmap/")

    response, html = get(client, "/es" + url)

    outline = assert_accessible(response)
    assert outline.headings[0] == (1, "Escribir la estrategia")
    assert '<h1 id="action-title">Escribir la estrategia</h1>' in html
    assert "<title>Escribir la estrategia · Hoja de ruta" in html
    assert "Acción de la hoja de ruta · <span>" not in html  # no empty span for Spanish text
    assert "Acción de la hoja de ruta · Polo de innovación" in html
    assert "Estado: En curso" in html
    headings = [text for _, text in outline.headings]
    for heading in (
        "A qué responde esta acción",
        "Hallazgos de la evaluación",
        "Recomendaciones de los expertos daneses",
        "Avance a lo largo del tiempo",
    ):
        assert heading in headings
    assert f'href="{finding.get_absolute_url()}">Modelos de polos</a> (panorama)' in html
    assert f'href="{recommendation.get_absolute_url()}" lang="en">Recover waste heat</a>' in html
    # Progress notes: Spanish dates and statuses; an English note is marked as English.
    assert '<time datetime="2023-06-09">9 de junio de 2023</time>' in html
    assert '<time datetime="2022-03-01">1 de marzo de 2022</time>' in html
    assert "Estado: Planificada" in html
    assert '<p class="mb-0">Inicio.</p>' in html
    assert '<p class="mb-0" lang="en">Draft shared.</p>' in html
    assert ">Responsable</dt>" in html and ">Socios</dt>" in html and ">Plazo</dt>" in html
    assert "Todavía no se ha nombrado ninguno" in html  # no partners
    assert "Volver a la hoja de ruta completa" in html
    assert NOTICE not in html  # its title, summary and body are in Spanish (no body)


def test_untranslated_action_page_shows_english_marked_and_the_notice(client, roadmap):
    _, english_only = roadmap

    _, html = get(client, "/es" + english_only.get_absolute_url())

    assert '<h1 id="action-title" lang="en">Explore agreements</h1>' in html
    assert '<p class="lead" lang="en">Talks with Danish partners.</p>' in html
    assert (
        '<li class="breadcrumb-item active" aria-current="page" lang="en">Explore agreements</li>'
        in html
    )
    assert NOTICE in html
    assert "Esta acción todavía no está vinculada a ningún hallazgo ni recomendación." in html
    progress = section(html, "progress-heading")
    assert "Todavía no se han publicado avances de esta acción. Para saber cuándo los haya, " in (
        progress
    )
    assert (
        '<a href="/es/updates/subscribe/">suscríbase a las novedades por correo electrónico</a>.'
        in progress
    )


def test_finding_and_recommendation_pages_name_the_action_status_in_spanish(client):
    finding = FindingFactory()
    recommendation = RecommendationFactory()
    ActionFactory(
        title_es="Construir el polo",
        findings=[finding],
        recommendations=[recommendation],
        progress=Action.Progress.COMPLETE,
    )

    for url in [finding.get_absolute_url(), recommendation.get_absolute_url()]:
        _, html = get(client, "/es" + url)
        assert ">Construir el polo</a> (estado: completada)" in html


def test_spanish_draft_update_for_followers():
    action = ActionFactory(
        title="Write the strategy",
        title_es="Escribir la estrategia",
        summary_es="Una estrategia para el polo.",
        progress=Action.Progress.IN_PROGRESS,
        timeframe="2023",
    )
    ProgressNoteFactory(action=action, date=datetime.date(2023, 6, 9), text_es="Borrador listo.")

    update = services.draft_update_for_followers(action=action)

    assert update.subject_en == "Roadmap update: Write the strategy"
    assert update.subject_es == "Novedad de la hoja de ruta: Escribir la estrategia"
    assert "Latest progress (9 June 2023)" in update.body_html_en
    assert "<strong>Status:</strong> In progress" in update.body_html_en
    body = update.body_html_es
    assert "<p>Una estrategia para el polo.</p>" in body
    assert "<strong>Estado:</strong> En curso" in body
    assert "<strong>Plazo:</strong> 2023" in body
    assert "Último avance (9 de junio de 2023)" in body
    assert "Borrador listo." in body
    assert f'href="{settings.SITE_URL}/es/roadmap/' in body
    assert "Lea sobre esta acción en la hoja de ruta" in body
    assert update.url == action.get_absolute_url()


def test_draft_update_is_drafted_in_english_whatever_language_is_active():
    action = ActionFactory(title="Write the strategy", title_es="Escribir la estrategia")
    with translation.override("es"):
        update = services.draft_update_for_followers(action=action)
    assert update.subject_en == "Roadmap update: Write the strategy"
    assert update.url == action.get_absolute_url()  # the English address
    assert not update.url.startswith("/es/")


def test_an_action_topic_has_the_spanish_title():
    action = ActionFactory(title="Write the strategy", title_es="Escribir la estrategia")
    topic = Topic.objects.get(key=services.follow_topic_key(action))
    assert (topic.title_en, topic.title_es) == ("Write the strategy", "Escribir la estrategia")


def test_charts_write_their_own_words_and_numbers_in_the_page_language():
    with translation.override("es"):
        stacked = ElementTree.fromstring(
            stacked_bar_chart(
                chart_id="c",
                title="t",
                description="d",
                categories=["2023"],
                series=[("Planificada", [1200]), ("Completada", [300])],
            )
        )
        bars = ElementTree.fromstring(
            bar_chart(chart_id="b", title="t", description="d", bars=[Bar("x", Decimal("22.50"))])
        )
    # The separators of Django's Spanish number format, whatever the settings make them.
    thousands = get_format("THOUSAND_SEPARATOR", "es", use_l10n=True)
    decimal = get_format("DECIMAL_SEPARATOR", "es", use_l10n=True)
    assert f"Total 1{thousands}500" in texts(stacked)
    assert f"22{decimal}5" in texts(bars)
    with translation.override("en"):
        assert format_number(1500) == "1,500" and format_number(Decimal("22.50")) == "22.5"


def test_spanish_search_results_are_headed_in_spanish(client):
    ActionFactory(title="Hub strategy", title_es="Estrategia del polo")

    response, html = get(client, "/es/search/?q=polo")

    headings = [str(label) for label, _ in response.context["groups"]]
    assert headings == ["Acciones de la hoja de ruta"]
    assert "Acciones de la hoja de ruta" in html and "Roadmap actions" not in html
