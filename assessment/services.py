"""What the assessment asks of email updates, through subscriptions' public services only."""

from django.conf import settings
from django.template.loader import render_to_string

from subscriptions import services as updates

from .models import Finding

ASSESSMENT_SECTION_TOPIC = "section:assessment"


def draft_update_about(*, finding: Finding):
    """A draft email update about `finding` for the assessment's followers, to review."""
    context = {"finding": finding, "SITE_URL": settings.SITE_URL}
    return updates.draft_update_for(
        topic_keys=[ASSESSMENT_SECTION_TOPIC],
        subject=f"Assessment finding: {finding.title}",
        body_html=render_to_string("assessment/email/finding_update.html", context),
        url=finding.get_absolute_url(),
    )
