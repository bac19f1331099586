"""What the assessment asks of email updates, through subscriptions' public services only."""

from functools import partial

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext

from subscriptions import services as updates

from .models import Finding

ASSESSMENT_SECTION_TOPIC = "section:assessment"


def followed_findings(topic_key: str):
    """The published findings the assessment's topic follows (None for any other topic)."""
    return Finding.objects.published() if topic_key == ASSESSMENT_SECTION_TOPIC else None


def email_major_change(finding: Finding, *, note, user) -> str:
    """A major change to `finding` (its change note), emailed to the assessment's followers, or
    drafted for a publisher to send (publishing.changes calls it)."""
    return updates.email_major_change(
        obj=finding, note=note, topic_keys=[ASSESSMENT_SECTION_TOPIC], user=user
    )


def _update_texts(finding: Finding) -> dict[str, str]:
    """The draft's subject and body in the active language."""
    context = {"finding": finding, "SITE_URL": settings.SITE_URL}
    return {
        "subject": gettext("Assessment finding: %(title)s") % {"title": finding.title},
        "body_html": render_to_string("assessment/email/finding_update.html", context),
    }


def draft_update_about(*, finding: Finding):
    """A draft email update about `finding` for the assessment's followers, to review.

    It is drafted in every language: the words around the finding's text are in that language,
    and the finding's own fields too where staff have translated them (English otherwise)."""
    return updates.draft_update_in_every_language(
        topic_keys=[ASSESSMENT_SECTION_TOPIC],
        texts=partial(_update_texts, finding),
        url=finding.get_absolute_url,
    )
