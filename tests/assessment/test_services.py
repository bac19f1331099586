"""What the assessment asks of email updates (assessment/services.py): a draft about a finding,
written in every language."""

import pytest
from django.conf import settings

from assessment import services
from assessment.models import Finding
from tests.assessment.factories import FindingFactory

pytestmark = pytest.mark.django_db

DRAFTED = {
    "en": (
        "Assessment finding: Waste heat",
        "<strong>Opportunity:</strong> Heat is lost.",
        "/assessment/findings/",
        "Read the finding and the roadmap actions that answer it",
    ),
    "es": (
        "Hallazgo de la evaluación: Calor residual",
        "<strong>Oportunidad:</strong> Se pierde calor.",
        "/es/assessment/findings/",
        "Lea el hallazgo y las acciones de la hoja de ruta que responden a él",
    ),
}


def test_a_draft_update_about_a_finding_is_written_in_each_language(language):
    finding = FindingFactory(
        kind=Finding.Kind.OPPORTUNITY,
        title="Waste heat",
        title_es="Calor residual",
        summary="Heat is lost.",
        summary_es="Se pierde calor.",
    )

    update = services.draft_update_about(finding=finding)

    subject, summary, path, link = DRAFTED[language]
    body = getattr(update, f"body_html_{language}")
    assert getattr(update, f"subject_{language}") == subject
    assert summary in body
    assert f'href="{settings.SITE_URL}{path}' in body
    assert link in body
    assert update.url == finding.get_absolute_url()
