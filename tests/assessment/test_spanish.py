"""The assessment in Spanish at /es/assessment/: headings, kinds, figures, charts, dates, drafts."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils.formats import get_format

from assessment import services
from assessment.models import Finding
from tests.assessment.factories import (
    FindingFactory,
    IndicatorFactory,
    ReportFactory,
    SectorFactory,
    SourceFactory,
)
from tests.outline import assert_accessible
from tests.roadmap.factories import ActionFactory
from tests.spanish import NOTICE, _fresh_cache_and_english_outside_requests, get  # noqa: F401

pytestmark = pytest.mark.django_db
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


def test_spanish_assessment_index(client, findings):
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

    response, html = get(client, "/es/assessment/")

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


def test_spanish_assessment_charts(client, findings):
    _, english_only = findings
    IndicatorFactory(
        finding=english_only, name="Share of jobs", name_es="Proporción de empleos",
        value="22.50", unit="%", approximate=True,
    )  # fmt: skip
    IndicatorFactory(
        finding=english_only, name="Industrial jobs", name_es="Empleos industriales",
        value="1500", unit="jobs", unit_es="empleos",
    )  # fmt: skip
    thousands = get_format("THOUSAND_SEPARATOR", "es", use_l10n=True)
    decimal = get_format("DECIMAL_SEPARATOR", "es", use_l10n=True)

    _, html = get(client, "/es/assessment/")

    # One chart per unit (their order follows the indicators' names in the page's language).
    charts = {}
    for number in (1, 2):
        root, words = svg_texts(html, f"indicators-chart-{number}")
        charts[root.find(f"{SVG}title").text] = (root, words)
    assert set(charts) == {"Cifras clave en porcentaje", "Cifras clave en empleos"}
    root, words = charts["Cifras clave en porcentaje"]
    assert root.find(f"{SVG}desc").text == (
        f"Proporción de empleos: cerca de 22{decimal}5%. "
        "Cada barra se dibuja sobre un total de 100%."
    )
    assert words == ["Proporción de empleos", f"cerca de 22{decimal}5%"]
    root, words = charts["Cifras clave en empleos"]
    assert words == ["Empleos industriales", f"1{thousands}500 empleos"]
    assert f"<td>1{thousands}500 empleos</td>" in html


def test_a_unit_not_translated_yet_is_marked_english_in_spanish_headings(client, findings):
    _, english_only = findings
    IndicatorFactory(finding=english_only, name="Share of jobs", value="22", unit="%")
    IndicatorFactory(finding=english_only, name="Industrial jobs", value="1500", unit="jobs")

    _, html = get(client, "/es/assessment/")

    assert '<h3 class="h5">Cifras en <span lang="en">jobs</span></h3>' in html
    assert '">Cifras de la evaluación en <span lang="en">jobs</span>, con el año' in html
    assert '<h3 class="h5">Cifras en porcentaje</h3>' in html  # "%" is the interface's word
    assert "<td>1" in html and '<span lang="en">jobs</span></td>' in html


def test_spanish_finding_page(client, findings):
    translated, _ = findings
    IndicatorFactory(
        finding=translated, name="Plants affected", value="7", unit="plants", year=2020
    )
    ActionFactory(title_es="Probar bombas de calor", findings=[translated])

    response, html = get(client, "/es" + translated.get_absolute_url())

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

    _, html = get(client, "/es" + english_only.get_absolute_url())

    assert '<h1 id="finding-title" lang="en">Industry employs many</h1>' in html
    assert '<p class="lead" lang="en">Many jobs.</p>' in html
    assert NOTICE in html
    assert "Todavía no se cita ninguna fuente para este hallazgo." in html
    assert "Todavía no hay ninguna acción de la hoja de ruta vinculada a este hallazgo." in html


def test_spanish_sector_filter_and_empty_assessment(client, findings):
    translated, _ = findings
    url = "/es" + translated.sector.get_absolute_url()

    _, html = get(client, url)

    assert "<h1>Hallazgos de la Evaluación de Industria Limpia: Metales</h1>" in html
    assert "Se muestran solo los hallazgos sobre Metales." in html
    assert "Mostrar todos los hallazgos" in html

    Finding.objects.all().delete()
    cache.clear()
    _, html = get(client, "/es/assessment/")
    assert "Todavía no se han publicado hallazgos" in html
    assert "Todavía no se ha publicado aquí ningún informe de la evaluación." in html


def test_spanish_draft_update_about_a_finding():
    finding = FindingFactory(
        kind=Finding.Kind.OPPORTUNITY,
        title="Waste heat",
        title_es="Calor residual",
        summary="Heat is lost.",
        summary_es="Se pierde calor.",
    )

    update = services.draft_update_about(finding=finding)

    assert update.subject_en == "Assessment finding: Waste heat"
    assert update.subject_es == "Hallazgo de la evaluación: Calor residual"
    assert "<strong>Opportunity:</strong> Heat is lost." in update.body_html_en
    assert "<strong>Oportunidad:</strong> Se pierde calor." in update.body_html_es
    assert f'href="{settings.SITE_URL}/es/assessment/findings/' in update.body_html_es
    assert "Lea el hallazgo y las acciones de la hoja de ruta que responden a él" in (
        update.body_html_es
    )
    assert update.url == finding.get_absolute_url()
