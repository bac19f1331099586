"""The initiative's own assessment findings and roadmap steps, loaded from the seed pages' facts."""

import pytest
from django.core.management import call_command

from assessment import content as assessment_content
from assessment.models import Finding, Indicator, Source
from core.loading import LoadReport
from roadmap import content as roadmap_content
from roadmap.models import Action, Theme
from tests.exchange.factories import RecommendationFactory

pytestmark = pytest.mark.django_db
MODELS = [Source, Finding, Indicator, Theme, Action]


def load():
    call_command("load_initiative_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_a_second_run_creates_nothing():
    load()
    first = counts()
    report = LoadReport()
    assessment_content.load(report)
    roadmap_content.load(report)

    assert report.created == []
    assert counts() == first
    assert first["Finding"] == len(assessment_content.FINDING_SLUGS) == 14
    assert first["Action"] == 4


def test_an_admin_edit_survives_a_rerun():
    load()
    Finding.objects.filter(slug="inflation-reduction-act").update(title="Edited by staff")
    action = Action.objects.get(slug="explore-peer-to-peer-collaboration-agreements")
    action.tracks.clear()

    load()

    assert Finding.objects.get(slug="inflation-reduction-act").title == "Edited by staff"
    assert not action.tracks.exists()


def test_every_finding_cites_its_seed_page():
    load()

    assert set(Source.objects.values_list("publisher", "title")) == {
        (
            "City of Portland Bureau of Planning and Sustainability",
            "About the Clean Industry Initiative",
        ),
        ("CSI", "Clean Industry Exchange"),
    }
    assert not Finding.objects.filter(sources=None).exists()
    assert Finding.objects.get(slug="denmark-exemplary-projects").sources.get().publisher == "CSI"
    assert set(Finding.objects.values_list("kind", flat=True)) == set(Finding.Kind.values)


def test_the_assessment_page_shows_findings_tools_and_the_jobs_figure(client):
    load()
    indicator = Indicator.objects.get()
    assert (indicator.value, indicator.unit, indicator.approximate, indicator.year) == (
        22,
        "%",
        True,
        None,
    )

    content = client.get("/assessment/").content.decode()

    for heading in ("Policy tools", "Finance tools", "Barriers", "Clean industry hub models"):
        assert heading in content
    assert "Climate Emergency Workplan" in content
    assert "Inflation Reduction Act" in content
    assert "about 22%" in content
    assert "Not stated" in content  # the seed gives no year for the figure


def test_the_roadmap_page_shows_the_next_steps_linked_both_ways(client):
    load()

    content = client.get("/roadmap/").content.decode()
    assert "Explore ongoing collaboration agreements between Portland and Denmark" in content
    assert "Develop a strategy to make Portland a clean industry innovation hub" in content
    assert "Status: Planned" in content

    peer = Action.objects.get(slug="explore-peer-to-peer-collaboration-agreements")
    assert peer.lead.slug == "danish-consulate"
    assert set(peer.tracks.values_list("slug", flat=True)) == {
        "government-to-government",
        "industry-to-industry",
        "researcher-to-researcher",
    }
    hub = Action.objects.get(slug="clean-industry-innovation-hub-strategy")
    assert hub.lead.slug == "city-of-portland"
    assert list(hub.partners.values_list("slug", flat=True)) == ["portland-business-alliance"]

    page = client.get(peer.get_absolute_url()).content.decode()
    assert "Danish Consulate" in page
    assert "Researcher-to-researcher" in page
    finding = Finding.objects.get(slug="denmark-exemplary-projects")
    assert f'href="{finding.get_absolute_url()}"' in page
    assert (
        f'href="{peer.get_absolute_url()}"'
        in client.get(finding.get_absolute_url()).content.decode()
    )


def test_the_roadmap_review_answers_every_finding():
    load()

    review = Action.objects.get(slug="review-findings-and-set-next-steps")
    assert review.findings.count() == Finding.objects.count()
    assert not Action.objects.filter(findings=None).exists()


def test_missing_exchange_rows_are_left_out_rather_than_failing():
    report = LoadReport()
    assessment_content.load(report)
    roadmap_content.load(report)  # exchange's loader has not run

    peer = Action.objects.get(slug="explore-peer-to-peer-collaboration-agreements")
    assert peer.lead is None
    assert not peer.tracks.exists()
    assert peer.findings.exists()


def test_the_experts_recommendations_are_linked_but_not_examples():
    # Components numbered apart from the loader's own (1 to 3): the number is unique, and the
    # factory's sequence starts at 1 when this test runs alone.
    real = RecommendationFactory(title="Recover waste heat", site_visit__trip__component__number=91)
    RecommendationFactory(title="Example recommendation", site_visit__trip__component__number=92)

    load()

    investments = Action.objects.get(slug="invest-in-recommended-clean-technologies")
    assert list(investments.recommendations.all()) == [real]
