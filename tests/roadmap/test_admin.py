"""Staff pages of both apps load, with their filters, search, inlines and autocomplete."""

import pytest
from django.urls import reverse

from assessment.models import Finding
from tests.assessment.factories import (
    FindingFactory,
    IndicatorFactory,
    ReportFactory,
    SectorFactory,
)
from tests.exchange.factories import RecommendationFactory
from tests.roadmap.factories import (
    ActionFactory,
    CollaborationTrackFactory,
    OrganisationFactory,
    ProgressNoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    finding = FindingFactory(title="Heat barrier", sector=SectorFactory())
    indicator = IndicatorFactory(finding=finding)
    action = ActionFactory(
        lead=OrganisationFactory(),
        partners=[OrganisationFactory()],
        findings=[finding],
        recommendations=[RecommendationFactory()],
        tracks=[CollaborationTrackFactory()],
    )
    note = ProgressNoteFactory(action=action)
    return {
        "assessment": {
            "finding": finding,
            "indicator": indicator,
            "source": indicator.source,
            "sector": finding.sector,
            "report": ReportFactory(),
        },
        "roadmap": {"action": action, "theme": action.theme, "progressnote": note},
    }


def test_every_admin_page_loads(admin_client, rows):
    for app, objects in rows.items():
        for model, obj in objects.items():
            for url in (
                reverse(f"admin:{app}_{model}_changelist"),
                reverse(f"admin:{app}_{model}_changelist") + "?q=a",
                reverse(f"admin:{app}_{model}_add"),
                reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
            ):
                response = admin_client.get(url)
                assert response.status_code == 200, url


def test_finding_admin_edits_indicators_inline_and_filters_by_kind(admin_client, rows):
    finding = rows["assessment"]["finding"]
    response = admin_client.get(reverse("admin:assessment_finding_change", args=[finding.pk]))
    assert "indicators-TOTAL_FORMS" in response.content.decode()

    changelist = reverse("admin:assessment_finding_changelist")
    response = admin_client.get(changelist, {"kind__exact": Finding.Kind.BARRIER})
    assert "Heat barrier" not in response.content.decode()
    response = admin_client.get(changelist, {"kind__exact": Finding.Kind.LANDSCAPE})
    assert "Heat barrier" in response.content.decode()


def test_action_admin_edits_progress_notes_inline(admin_client, rows):
    action = rows["roadmap"]["action"]
    response = admin_client.get(reverse("admin:roadmap_action_change", args=[action.pk]))
    content = response.content.decode()
    assert "progress_notes-TOTAL_FORMS" in content
    assert 'href="/admin/r/' in content  # "View on site"


def test_action_admin_finds_findings_by_autocomplete(admin_client, rows):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "roadmap", "model_name": "action", "field_name": "findings", "term": "heat"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["Heat barrier"]
