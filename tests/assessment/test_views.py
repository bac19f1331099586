import pytest
from django.urls import reverse

from assessment.models import Finding
from publishing.models import Publishable
from tests.assessment.factories import (
    FindingFactory,
    IndicatorFactory,
    ReportFactory,
    SectorFactory,
    SourceFactory,
)
from tests.outline import assert_accessible
from tests.roadmap.factories import ActionFactory, ThemeFactory

pytestmark = pytest.mark.django_db
DRAFT = Publishable.Status.DRAFT
INDEX = reverse("assessment:index")


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


def test_index_filters_by_sector(client):
    sector = SectorFactory(name="Metals")
    FindingFactory(title="About metals", sector=sector)
    FindingFactory(title="About something else")

    response = client.get(sector.get_absolute_url())

    content = response.content.decode()
    assert "About metals" in content
    assert "About something else" not in content
    assert "Show all findings" in content
    assert_accessible(response)


def test_index_without_findings_says_so(client):
    FindingFactory(status=DRAFT)

    response = client.get(INDEX)

    assert "No findings published yet" in response.content.decode()
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
    assert [f.slug for f in response.context["findings"]] == ["waste", "water"]
    assert "Showing 2 findings that no roadmap action answers yet." in html
    assert 'href="/assessment/?coverage=none" aria-current="page">' in html
    assert "roadmap action answers this finding" not in html


def test_the_unanswered_filter_keeps_the_sector(client, coverage):
    response = client.get(INDEX, {"sector": "metals", "coverage": "none"})

    assert [f.slug for f in response.context["findings"]] == ["waste"]
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

    assert len(response.context["findings"]) == 4


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
    assert len(response.context["findings"]) == (count if query else 2 * count)


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
    assert len(response.context["finding"].published_actions) == count + 1


def test_index_charts_indicators_one_chart_per_unit_with_their_tables(client):
    IndicatorFactory(name="Share of jobs", value="22.00", unit="%", approximate=True)
    IndicatorFactory(name="Industrial jobs", value="1500", unit="jobs")

    response = client.get(INDEX)

    content = response.content.decode()
    assert_accessible(response)
    assert content.count('role="img"') == 2
    assert '<title id="indicators-chart-1-title">Key figures in per cent</title>' in content
    assert "Key figures in jobs</title>" in content
    assert "Share of jobs: about 22%. Each bar is drawn against 100%." in content
    assert ">about 22%</text>" in content
    assert ">1,500 jobs</text>" in content
    assert content.count('-caption-1">Figures from the assessment') == 1
    assert content.count('-caption-2">Figures from the assessment') == 1
    # Too wide for a phone, a table scrolls in a region a keyboard can reach, named by its caption.
    assert 'role="region" tabindex="0" aria-labelledby="key-figures-caption-1"' in content
