"""The roadmap's pages, in English and Spanish: the index by theme and an action's page (its
charts: test_progress_charts.py)."""

import datetime

import pytest
from django.urls import reverse

from publishing.models import Publishable
from roadmap.models import Action
from tests.assessment.factories import FindingFactory
from tests.exchange.factories import RecommendationFactory
from tests.languages import NOTICE, get
from tests.outline import assert_accessible, section
from tests.roadmap.factories import (
    ActionFactory,
    CollaborationTrackFactory,
    OrganisationFactory,
    ProgressNoteFactory,
    ThemeFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
DRAFT = Publishable.Status.DRAFT
INDEX = reverse("roadmap:index")


def main_of(html):
    return html[html.index("<main") : html.index("</main>")]


def test_index_groups_actions_by_theme_with_progress_in_words(client):
    hub = ThemeFactory(title="Innovation hub", order=1)
    learning = ThemeFactory(title="Learning with Denmark", order=2)
    lead = OrganisationFactory(name="City of Portland")
    ActionFactory(
        theme=learning,
        title="Explore agreements",
        progress=Action.Progress.PLANNED,
        timeframe="From 2022",
    )
    ActionFactory(
        theme=hub, title="Write the strategy", progress=Action.Progress.IN_PROGRESS, lead=lead
    )
    ActionFactory(theme=hub, title="A draft step", status=DRAFT)
    ActionFactory(theme=ThemeFactory(title="A draft theme", status=DRAFT), title="Hidden step")

    response = client.get(INDEX)

    content = response.content.decode()
    outline = assert_accessible(response)
    h2 = [text for level, text in outline.headings if level == 2]
    assert h2.index("Innovation hub") < h2.index("Learning with Denmark")
    assert "A draft theme" not in h2
    assert "Status: In progress" in content
    assert "Status: Planned" in content
    assert f'href="{lead.get_absolute_url()}">City of Portland</a>' in content
    assert "From 2022" in content
    assert "Not stated" in content  # the strategy has no timeframe
    assert "2 steps on the roadmap: 1 planned, 1 in progress." in content
    for hidden in ("A draft step", "Hidden step"):
        assert hidden not in content


def test_index_without_actions_says_so(client):
    ThemeFactory()  # a theme with nothing published under it is not shown

    response = client.get(INDEX)

    assert "No next steps published yet" in response.content.decode()
    assert response.context["roadmap"]["themes"] == []
    assert_accessible(response)


def test_action_page_traces_what_it_answers(client):
    finding = FindingFactory(title="Hub models elsewhere")
    recommendation = RecommendationFactory(title="Recover waste heat")
    track = CollaborationTrackFactory(title="Government-to-government")
    partner = OrganisationFactory(name="Portland Business Alliance")
    action = ActionFactory(
        title="Build the hub",
        body="<p>The <em>strategy</em>.</p>",
        lead_description="Portland companies",
        timeframe="2023",
        findings=[finding, FindingFactory(title="Draft finding", status=DRAFT)],
        recommendations=[recommendation],
        tracks=[track],
        partners=[partner, OrganisationFactory(name="Draft partner", status=DRAFT)],
    )

    response = client.get(action.get_absolute_url())

    content = response.content.decode()
    assert_accessible(response)
    assert "<em>strategy</em>" in content
    assert "Portland companies" in content
    assert "2023" in content
    for linked in (finding, recommendation, track, partner):
        assert f'href="{linked.get_absolute_url()}"' in content
    assert "Draft finding" not in content
    assert "Draft partner" not in content
    # ...and back: the finding's page links to this action.
    assert (
        f'href="{action.get_absolute_url()}"'
        in client.get(finding.get_absolute_url()).content.decode()
    )


def test_action_page_shows_progress_notes_newest_first(client):
    action = ActionFactory()
    ProgressNoteFactory(action=action, date=datetime.date(2023, 1, 5), text="Kick-off held.")
    ProgressNoteFactory(
        action=action,
        date=datetime.date(2023, 6, 9),
        text="Draft shared.",
        progress=Action.Progress.COMPLETE,
    )

    content = client.get(action.get_absolute_url()).content.decode()

    assert '<time datetime="2023-06-09">9 June 2023</time>' in content
    assert '<time datetime="2023-01-05">5 January 2023</time>' in content
    assert content.index("Draft shared.") < content.index("Kick-off held.")
    assert "Status: Complete" in content


def test_action_page_without_links_or_notes_says_so(client):
    content = client.get(ActionFactory().get_absolute_url()).content.decode()

    assert "not linked to a finding or recommendation yet" in content
    assert "No progress updates have been posted" in content
    assert "None named yet" in content


# --- In Spanish: the interface's words, Spanish dates, English text marked -------------------


def test_index_in_spanish(client, roadmap):
    response, html = get(client, INDEX, "es")

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


def test_translated_theme_and_action_show_spanish_and_english_ones_are_marked(client, roadmap):
    translated, english_only = roadmap

    _, html = get(client, INDEX, "es")

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

    _, html = get(client, INDEX, "es")

    assert NOTICE not in html
    assert 'lang="en"' not in main_of(html)


def test_action_page_in_spanish(client, roadmap):
    translated, _ = roadmap
    finding = FindingFactory(title="Hub models", title_es="Modelos de polos")
    recommendation = RecommendationFactory(title="Recover waste heat")
    translated.findings.add(finding)
    translated.recommendations.add(recommendation)
    url = translated.get_absolute_url()
    assert url.startswith("/roadmap/")

    response, html = get(client, url, "es")

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

    _, html = get(client, english_only.get_absolute_url(), "es")

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


@pytest.mark.parametrize(
    "make",
    [
        lambda: ActionFactory(status=DRAFT),
        lambda: ActionFactory(theme=ThemeFactory(status=DRAFT)),
    ],
    ids=["draft action", "draft theme"],
)
def test_unpublished_action_is_not_found(client, make):
    assert client.get(make().get_absolute_url()).status_code == 404


def _many_actions(count):
    lead = OrganisationFactory()
    tracks = [CollaborationTrackFactory(kind=kind) for kind in ("government", "industry")]
    for index in range(count):
        action = ActionFactory(
            theme=ThemeFactory(),
            lead=lead,
            partners=[OrganisationFactory(), OrganisationFactory()],
            findings=[FindingFactory(), FindingFactory()],
            recommendations=[RecommendationFactory()],
            tracks=tracks,
        )
        ProgressNoteFactory(action=action, date=datetime.date(2023, 1, 1 + index))
        ProgressNoteFactory(action=action, date=datetime.date(2023, 2, 1 + index))
    return action


@pytest.mark.parametrize("count", [1, 10])
def test_index_runs_a_constant_number_of_queries(client, django_assert_max_num_queries, count):
    _many_actions(count)
    with django_assert_max_num_queries(10):
        response = client.get(INDEX)
    assert len(response.context["roadmap"]["themes"]) == count


@pytest.mark.parametrize("count", [1, 10])
def test_action_page_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, count
):
    action = _many_actions(count)
    action.findings.add(*FindingFactory.create_batch(count))
    for day in range(count):
        ProgressNoteFactory(action=action, date=datetime.date(2024, 1, 1 + day))
    with django_assert_max_num_queries(10):
        response = client.get(action.get_absolute_url())
    assert len(response.context["findings"]) == count + 2
