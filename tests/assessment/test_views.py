"""The assessment's pages, in English and Spanish: the index by kind with its figures, charts
and reports, the sector filter, and a finding's page."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils.formats import get_format

from assessment.models import Finding
from publishing.models import Publishable
from tests.assessment.factories import (
    FindingFactory,
    IndicatorFactory,
    ReportFactory,
    SectorFactory,
    SourceFactory,
)
from tests.core.test_cache import read, read_once_cached, rendered
from tests.languages import NOTICE, get
from tests.outline import assert_accessible
from tests.roadmap.factories import ActionFactory, ThemeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
DRAFT = Publishable.Status.DRAFT
INDEX = reverse("assessment:index")
SVG = "{http://www.w3.org/2000/svg}"


def kind_section(html, kind):
    start = html.index(f'<section id="{kind}"')
    return html[start : html.index("</section>", start)]


def svg_texts(html, chart_id):
    svg = re.search(rf'<svg [^>]*id="{chart_id}".*?</svg>', html, re.S).group(0)
    root = ElementTree.fromstring(svg)
    return root, [element.text for element in root.iter(f"{SVG}text")]


@pytest.fixture
def findings():
    """A finding translated into Spanish, with a sector and a source, and one in English only."""
    sector = SectorFactory(name="Metals", name_es="Metales")
    translated = FindingFactory(
        kind=Finding.Kind.BARRIER,
        title="Heat that electricity cannot supply",
        title_es="Calor que la electricidad no puede dar",
        summary="Some processes need very high temperatures.",
        summary_es="Algunos procesos necesitan temperaturas muy altas.",
        sector=sector,
        sources=[
            SourceFactory(
                title="Jobs survey",
                publisher="Example Bureau",
                published_on=datetime.date(2021, 6, 9),
                note="Table 3.",
                note_es="Tabla 3.",
            )
        ],
    )
    english_only = FindingFactory(
        kind=Finding.Kind.LANDSCAPE, title="Industry employs many", summary="Many jobs."
    )
    return translated, english_only


def test_index_groups_findings_by_kind_in_reading_order(client):
    FindingFactory(kind=Finding.Kind.FINANCE_TOOL, title="A finance tool")
    FindingFactory(kind=Finding.Kind.BARRIER, title="A barrier")
    FindingFactory(kind=Finding.Kind.LANDSCAPE, title="A landscape fact")
    FindingFactory(kind=Finding.Kind.BENEFIT, title="A benefit")
    FindingFactory(kind=Finding.Kind.POLICY_TOOL, title="A draft policy", status=DRAFT)

    response = client.get(INDEX)

    outline = assert_accessible(response)
    h2 = [text for level, text in outline.headings if level == 2]
    main_groups = [
        "Portland's industrial landscape",
        "Benefits of the transition",
        "Barriers",
        "Finance tools",
    ]
    assert [text for text in h2 if text in main_groups] == main_groups
    assert "Policy tools" not in h2  # its only finding is a draft
    assert "A draft policy" not in response.content.decode()
    assert response.context["breadcrumbs"] is True


def test_index_shows_indicators_with_value_unit_year_and_source(client):
    source = SourceFactory(title="Jobs survey", publisher="Example Bureau")
    IndicatorFactory(
        name="Share of jobs", value="22.00", unit="%", year=2021, source=source, approximate=True
    )
    IndicatorFactory(name="Hidden: its finding is a draft", finding__status=DRAFT)
    IndicatorFactory(name="Hidden: itself a draft", status=DRAFT)

    content = client.get(INDEX).content.decode()

    assert "Share of jobs" in content
    assert "about 22%" in content
    assert "2021" in content
    assert "Example Bureau, <cite>Jobs survey</cite>" in content
    assert "Hidden" not in content


def test_index_lists_published_reports_and_says_when_there_are_none(client):
    assert "No assessment reports have been published" in client.get(INDEX).content.decode()

    ReportFactory(title="Assessment summary", url="https://example.org/summary.pdf")
    ReportFactory(title="Unfinished report", status=DRAFT)
    content = client.get(INDEX).content.decode()

    assert "Assessment summary" in content
    assert 'href="https://example.org/summary.pdf"' in content
    assert "Unfinished report" not in content


FILTERED = {
    "en": (
        "<h1>Clean Industry Assessment findings: Metals</h1>",
        "Showing findings about Metals only.",
        "Show all findings",
    ),
    "es": (
        "<h1>Hallazgos de la Evaluación de Industria Limpia: Metales</h1>",
        "Se muestran solo los hallazgos sobre Metales.",
        "Mostrar todos los hallazgos",
    ),
}


def test_index_filters_by_sector(client, language):
    sector = SectorFactory(name="Metals", name_es="Metales")
    FindingFactory(title="About metals", title_es="Sobre metales", sector=sector)
    FindingFactory(title="About something else", title_es="Sobre otra cosa")

    response, content = get(client, sector.get_absolute_url(), language)

    titles = {
        "en": ("About metals", "About something else"),
        "es": ("Sobre metales", "Sobre otra cosa"),
    }
    shown, hidden = titles[language]
    assert shown in content
    assert hidden not in content
    for text in FILTERED[language]:
        assert text in content
    assert_accessible(response)


EMPTY = {
    "en": ("No findings published yet", "No assessment reports have been published here yet."),
    "es": (
        "Todavía no se han publicado hallazgos",
        "Todavía no se ha publicado aquí ningún informe de la evaluación.",
    ),
}


def test_index_without_findings_says_so(client, language):
    FindingFactory(status=DRAFT)

    response, content = get(client, INDEX, language)

    for text in EMPTY[language]:
        assert text in content
    assert_accessible(response)


def test_finding_page_shows_its_facts_and_sources(client):
    sector = SectorFactory(name="Food processing")
    source = SourceFactory(title="About the initiative", publisher="City bureau")
    finding = FindingFactory(
        kind=Finding.Kind.BARRIER,
        title="Heat that electricity cannot supply",
        summary="Some processes need very high temperatures.",
        body="<p>Body with <strong>detail</strong>.</p><script>alert(1)</script>",
        sector=sector,
        sources=[source],
    )
    IndicatorFactory(finding=finding, name="Plants affected", value="7", unit="plants", year=2020)

    response = client.get(finding.get_absolute_url())

    content = response.content.decode()
    assert_accessible(response)
    assert "Some processes need very high temperatures." in content
    assert "<strong>detail</strong>" in content
    assert "<script>" not in content
    assert f'href="{sector.get_absolute_url()}"' in content
    assert "7 plants" in content
    assert "City bureau, <cite>About the initiative</cite>" in content
    assert response.context["breadcrumbs"] is True


def test_finding_page_lists_only_public_actions_that_answer_it(client):
    finding = FindingFactory()
    answering = ActionFactory(title="Public next step", findings=[finding])
    ActionFactory(title="Draft next step", findings=[finding], status=DRAFT)
    ActionFactory(
        title="Step under a draft theme", findings=[finding], theme=ThemeFactory(status=DRAFT)
    )

    content = client.get(finding.get_absolute_url()).content.decode()

    assert f'href="{answering.get_absolute_url()}"' in content
    assert "status: planned" in content
    assert "Draft next step" not in content
    assert "Step under a draft theme" not in content


def test_finding_page_without_actions_says_so(client):
    finding = FindingFactory()

    content = client.get(finding.get_absolute_url()).content.decode()

    assert "No roadmap action is linked to this finding yet" in content


@pytest.fixture
def coverage():
    """Two findings a published action answers (one of them also a draft action), and two that
    only draft actions, or none, answer."""
    sector = SectorFactory(name="Metals", slug="metals")
    heat = FindingFactory(title="Heat", slug="heat", sector=sector)
    jobs = FindingFactory(title="Jobs", slug="jobs")
    ActionFactory(title="Build the hub", findings=[heat, jobs])
    ActionFactory(title="Draft step", findings=[heat], status=DRAFT)
    waste = FindingFactory(title="Waste", slug="waste", sector=sector)
    ActionFactory(
        title="Step under a draft theme", findings=[waste], theme=ThemeFactory(status=DRAFT)
    )
    water = FindingFactory(title="Water", slug="water")
    return {"heat": heat, "jobs": jobs, "waste": waste, "water": water}


def coverage_nav(html):
    start = html.index('<nav aria-labelledby="coverage-heading"')
    return html[start : html.index("</nav>", start)]


def card(html, slug):
    start = html.index(f'id="finding-{slug}"')
    return html[start : html.index("</article>", start)]


def test_each_finding_on_the_index_shows_the_actions_that_answer_it_or_says_none_does(
    client, coverage
):
    response = client.get(INDEX)

    html = response.content.decode()
    assert_accessible(response)
    for slug in ["heat", "jobs"]:
        finding = coverage[slug]
        assert (
            f'<a href="{finding.get_absolute_url()}#actions-heading">'
            "1 roadmap action answers this finding</a>"
        ) in card(html, slug)
    for slug in ["waste", "water"]:
        assert "No roadmap action is linked to this finding yet." in card(html, slug)
    nav = coverage_nav(html)
    assert "2 of the 4 findings shown have no roadmap action that answers them yet." in nav
    assert f'href="{INDEX}" aria-current="page">All findings' in nav
    assert f'href="{INDEX}?coverage=none">Findings no action answers yet' in nav


def test_the_unanswered_filter_shows_only_findings_no_published_action_answers(client, coverage):
    response = client.get(INDEX, {"coverage": "none"})

    html = response.content.decode()
    assert_accessible(response)
    assert [f.slug for f in response.context["assessment"]["findings"]] == ["waste", "water"]
    assert "Showing 2 findings that no roadmap action answers yet." in html
    assert 'href="/assessment/?coverage=none" aria-current="page">' in html
    assert "roadmap action answers this finding" not in html


def test_the_unanswered_filter_keeps_the_sector(client, coverage):
    response = client.get(INDEX, {"sector": "metals", "coverage": "none"})

    assert [f.slug for f in response.context["assessment"]["findings"]] == ["waste"]
    nav = coverage_nav(response.content.decode())
    assert 'href="/assessment/?sector=metals">All findings' in nav
    assert 'href="/assessment/?sector=metals&amp;coverage=none" aria-current="page">' in nav


def test_the_unanswered_filter_says_so_when_every_finding_is_answered(client):
    ActionFactory(findings=[FindingFactory(title="Heat")])

    response = client.get(INDEX, {"coverage": "none"})

    html = response.content.decode()
    assert_accessible(response)
    assert "Every finding shown is answered by at least one roadmap action." in html
    assert "No findings published yet" not in html


def test_an_unknown_coverage_value_shows_every_finding(client, coverage):
    response = client.get(INDEX, {"coverage": "whatever"})

    assert len(response.context["assessment"]["findings"]) == 4


def test_the_count_on_a_card_counts_each_published_answering_action(client, coverage):
    ActionFactory.create_batch(2, findings=[coverage["water"]])

    html = client.get(INDEX).content.decode()

    assert "2 roadmap actions answer this finding" in card(html, "water")
    assert "1 of the 4 findings shown has no roadmap action that answers it yet." in html


def test_the_page_cache_keeps_the_filtered_page_apart(client, coverage):
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    everything = Client().get(INDEX)
    unanswered = Client().get(INDEX + "?coverage=none")
    assert everything["X-Page-Cache"] == unanswered["X-Page-Cache"] == "miss"
    again = Client().get(INDEX + "?utm_source=x&coverage=none")
    assert again["X-Page-Cache"] == "hit" and again.content == unanswered.content
    assert again.content != everything.content
    # An action published later answers "waste": the cached filtered page shows it at once.
    ActionFactory(findings=[coverage["waste"]])
    assert b"Waste" not in Client().get(INDEX + "?coverage=none").content


@pytest.mark.parametrize("slug", ["a-draft", "no-such-finding"])
def test_draft_or_missing_finding_is_not_found(client, slug):
    FindingFactory(slug="a-draft", status=DRAFT)

    assert client.get(reverse("assessment:finding", kwargs={"slug": slug})).status_code == 404


def _many_findings(count):
    sector = SectorFactory()
    source = SourceFactory()
    for index in range(count):
        finding = FindingFactory(
            kind=Finding.Kind.values[index % 7], sector=sector, sources=[source, SourceFactory()]
        )
        IndicatorFactory(finding=finding, source=source)
        ReportFactory().findings.add(finding)
        ActionFactory(findings=[finding])
    return finding


@pytest.mark.parametrize("count", [1, 10])
@pytest.mark.parametrize("query", ["", "?coverage=none"])
def test_index_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, count, query
):
    _many_findings(count)
    FindingFactory.create_batch(count)  # no action answers these
    with django_assert_max_num_queries(10):
        response = client.get(INDEX + query)
    assert len(response.context["assessment"]["findings"]) == (count if query else 2 * count)


@pytest.mark.parametrize("count", [1, 10])
def test_finding_page_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, count
):
    finding = _many_findings(count)
    for _ in range(count):
        IndicatorFactory(finding=finding)
        ActionFactory(findings=[finding])
    with django_assert_max_num_queries(10):
        response = client.get(finding.get_absolute_url())
    assert len(response.context["actions"]) == count + 1


def chart_words(language):
    """What the two charts say: {title: (description or None, texts)}, and the jobs table cell."""
    if language == "en":
        return {
            "Key figures in per cent": (
                "Share of jobs: about 22%. Each bar is drawn against 100%.",
                ["Share of jobs", "about 22%"],
            ),
            "Key figures in jobs": (None, ["Industrial jobs", "1,500 jobs"]),
        }, "<td>1,500 jobs</td>"
    # The separators of Django's Spanish number format, whatever the settings make them.
    thousands = get_format("THOUSAND_SEPARATOR", "es", use_l10n=True)
    decimal = get_format("DECIMAL_SEPARATOR", "es", use_l10n=True)
    return {
        "Cifras clave en porcentaje": (
            f"Proporción de empleos: cerca de 22{decimal}5%. "
            "Cada barra se dibuja sobre un total de 100%.",
            ["Proporción de empleos", f"cerca de 22{decimal}5%"],
        ),
        "Cifras clave en empleos": (None, ["Empleos industriales", f"1{thousands}500 empleos"]),
    }, f"<td>1{thousands}500 empleos</td>"


# English: a whole percentage loses its zeros; Spanish: a decimal one takes the decimal comma.
@pytest.mark.parametrize(("language", "share"), [("en", "22.00"), ("es", "22.50")])
def test_index_charts_indicators_one_chart_per_unit_with_their_tables(client, language, share):
    IndicatorFactory(
        name="Share of jobs", name_es="Proporción de empleos",
        value=share, unit="%", approximate=True,
    )  # fmt: skip
    IndicatorFactory(
        name="Industrial jobs", name_es="Empleos industriales",
        value="1500", unit="jobs", unit_es="empleos",
    )  # fmt: skip
    expected, jobs_cell = chart_words(language)

    response, content = get(client, INDEX, language)

    assert_accessible(response)
    assert content.count('role="img"') == 2
    # One chart per unit, in the order of the units' names in the page's language.
    first_title = {"en": "Key figures in per cent", "es": "Cifras clave en empleos"}[language]
    assert f'<title id="indicators-chart-1-title">{first_title}</title>' in content
    charts = {}
    for number in (1, 2):
        root, words = svg_texts(content, f"indicators-chart-{number}")
        charts[root.find(f"{SVG}title").text] = (root, words)
    assert set(charts) == set(expected)
    for title, (description, words) in expected.items():
        root, texts = charts[title]
        assert f"{title}</title>" in content
        assert texts == words
        for word in words[1:]:
            assert f">{word}</text>" in content
        if description:
            assert root.find(f"{SVG}desc").text == description
            assert description in content
    assert jobs_cell in content
    caption = {"en": "Figures from the assessment", "es": "Cifras de la evaluación"}[language]
    assert content.count(f'-caption-1">{caption}') == 1
    assert content.count(f'-caption-2">{caption}') == 1
    # Too wide for a phone, a table scrolls in a region a keyboard can reach, named by its caption.
    assert 'role="region" tabindex="0" aria-labelledby="key-figures-caption-1"' in content


# --- In Spanish: the interface's words, Spanish dates and numbers, English text marked -------


def test_index_in_spanish_names_kinds_figures_and_reports(client, findings):
    _, english_only = findings
    IndicatorFactory(
        finding=english_only, name="Share of jobs", name_es="Proporción de empleos",
        value="22.00", unit="%", approximate=True, year=2021,
    )  # fmt: skip
    IndicatorFactory(
        finding=english_only, name="Industrial jobs", name_es="Empleos industriales",
        value="1500", unit="jobs", unit_es="empleos", year=None,
    )  # fmt: skip
    ReportFactory(
        title="Assessment summary",
        title_es="Resumen de la evaluación",
        published_on=datetime.date(2023, 6, 9),
        url="https://example.org/summary.pdf",
    )

    response, html = get(client, INDEX, "es")

    outline = assert_accessible(response)
    assert outline.headings[0] == (1, "Hallazgos de la Evaluación de Industria Limpia")
    headings = [text for _, text in outline.headings]
    for heading in (
        "En esta página",
        "El panorama industrial de Portland",
        "Barreras",
        "Cifras clave",
        "Cifras en porcentaje",
        "Cifras en empleos",
        "Informes",
    ):
        assert heading in headings, heading
    assert "(1 hallazgo)" in html
    assert '<li class="breadcrumb-item active" aria-current="page">Evaluación</li>' in html
    # Kinds and sectors as labels; translated text as it is, English text marked.
    barriers = kind_section(html, "barrier")
    assert "Barrera · Metales" in barriers
    assert ">Calor que la electricidad no puede dar</a>" in barriers
    assert '<p class="card-text">Algunos procesos necesitan temperaturas muy altas.</p>' in barriers
    landscape = kind_section(html, "landscape")
    assert 'lang="en">Industry employs many</a>' in landscape
    assert '<p class="card-text" lang="en">Many jobs.</p>' in landscape
    assert NOTICE in html
    # The figures' tables.
    assert '<th scope="col">Cifra</th>' in html and '<th scope="col">Valor</th>' in html
    assert '<th scope="col">Año</th>' in html and '<th scope="col">Fuente</th>' in html
    assert "<td>cerca de 22%</td>" in html
    assert '<span lang="en">jobs</span>' not in html  # the unit has its Spanish word
    assert "<td>No se indica</td>" in html  # the jobs figure has no year
    assert '">Cifras de la evaluación en porcentaje, con el año' in html
    # Reports: a Spanish date and links in Spanish.
    assert 'Publicado el <time datetime="2023-06-09">9 de junio de 2023</time>' in html
    assert ">Leer Resumen de la evaluación</a>" in html
    assert "Descargue todos los hallazgos publicados como datos abiertos" in html


def test_a_unit_not_translated_yet_is_marked_english_in_spanish_headings(client, findings):
    _, english_only = findings
    IndicatorFactory(finding=english_only, name="Share of jobs", value="22", unit="%")
    IndicatorFactory(finding=english_only, name="Industrial jobs", value="1500", unit="jobs")

    _, html = get(client, INDEX, "es")

    assert '<h3 class="h5">Cifras en <span lang="en">jobs</span></h3>' in html
    assert '">Cifras de la evaluación en <span lang="en">jobs</span>, con el año' in html
    assert '<h3 class="h5">Cifras en porcentaje</h3>' in html  # "%" is the interface's word
    assert "<td>1" in html and '<span lang="en">jobs</span></td>' in html


def test_finding_page_in_spanish(client, findings):
    translated, _ = findings
    IndicatorFactory(
        finding=translated, name="Plants affected", value="7", unit="plants", year=2020
    )
    ActionFactory(title_es="Probar bombas de calor", findings=[translated])

    response, html = get(client, translated.get_absolute_url(), "es")

    outline = assert_accessible(response)
    assert '<h1 id="finding-title">Calor que la electricidad no puede dar</h1>' in html
    assert "<title>Calor que la electricidad no puede dar · Hallazgos de la evaluación" in html
    assert "Hallazgo de la evaluación · Barrera" in html
    assert ">Barrera</a></li>" in html  # the breadcrumb to the kind
    assert ">Evaluación</a></li>" in html
    assert 'Sector: <a href="/es/assessment/?sector=' in html and ">Metales</a>" in html
    headings = [text for _, text in outline.headings]
    for heading in (
        "Cifras",
        "Acciones de la hoja de ruta que responden a este hallazgo",
        "Fuentes",
    ):
        assert heading in headings, heading
    assert 'lang="en">Plants affected</dt>' in html
    assert '<span class="lead-figure">7 <span lang="en">plants</span></span>' in html
    assert "Año: 2020. Fuente: " in html
    assert ">Probar bombas de calor</a> (estado: planificada)" in html
    # A source keeps its published (English) title and publisher, marked as English.
    assert (
        '<span lang="en">Example Bureau</span>, <cite><span lang="en">Jobs survey</span></cite> '
        '(<time datetime="2021-06-09">9 de junio de 2021</time>). Tabla 3.' in html
    )
    assert "Volver a todos los hallazgos de tipo “barrera”" in html
    assert NOTICE not in html


def test_untranslated_finding_page_shows_english_marked_and_the_notice(client, findings):
    _, english_only = findings

    _, html = get(client, english_only.get_absolute_url(), "es")

    assert '<h1 id="finding-title" lang="en">Industry employs many</h1>' in html
    assert '<p class="lead" lang="en">Many jobs.</p>' in html
    assert NOTICE in html
    assert "Todavía no se cita ninguna fuente para este hallazgo." in html
    assert "Todavía no hay ninguna acción de la hoja de ruta vinculada a este hallazgo." in html


# --- The finding page's lower part is kept with `{% cache %}`: read only when rebuilt --------


def a_finding_with_everything():
    finding = FindingFactory(
        title="Ovens waste heat",
        body="<p>Most of it goes up the chimney.</p>",
        sources=[SourceFactory(title="Heat survey 2021")],
    )
    IndicatorFactory(finding=finding, name="Heat lost", name_es="Calor perdido")
    ActionFactory(title="Map the heat sources", findings=[finding])
    ReportFactory(title="The assessment report").findings.add(finding)
    return finding


def test_the_finding_page_reads_only_the_finding_once_its_part_is_cached():
    url = a_finding_with_everything().get_absolute_url()
    html, tables = read(url)
    assert tables >= {
        "assessment_indicator",
        "assessment_source",
        "assessment_report",
        "roadmap_action",
    }
    for shown in ("Most of it goes up the chimney.", "Heat lost", "Heat survey 2021"):
        assert shown in html
    assert "Map the heat sources" in html and "The assessment report" in html
    again, tables = read(url)
    assert tables == {"assessment_finding"}
    assert again == html
    # Its own columns only: the sector and the image are read when the part is rebuilt.
    assert read_once_cached(url) == {"assessment_finding"}


def test_the_finding_page_follows_its_figures_actions_and_reports_at_once_in_each_language():
    finding = a_finding_with_everything()
    url = finding.get_absolute_url()
    assert "Calor perdido" in rendered(f"/es{url}")
    assert "Calor perdido" not in rendered(url)
    indicator = finding.indicators.get()
    indicator.status = Publishable.Status.DRAFT
    indicator.save()
    assert "Heat lost" not in rendered(url)
    ActionFactory(title="Pilot a heat network", findings=[finding])
    assert "Pilot a heat network" in rendered(url)
    report = finding.reports.get()
    report.title_en = "The assessment's final report"
    report.save()
    assert "The assessment&#x27;s final report" in rendered(url)
    finding.sources.add(SourceFactory(title="Boiler census"))
    assert "Boiler census" in rendered(url)
