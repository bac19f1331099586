"""What the assessment asks of email updates, through subscriptions' public services only."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from subscriptions import services as updates

from .models import Finding

ASSESSMENT_SECTION_TOPIC = "section:assessment"
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


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
    with translation.override(DEFAULT_LANGUAGE):
        english = _update_texts(finding)
        url = finding.get_absolute_url()
    translations = {}
    for code, _ in settings.LANGUAGES:
        if code != DEFAULT_LANGUAGE:
            with translation.override(code):
                translations[code] = _update_texts(finding)
    return updates.draft_update_for(
        topic_keys=[ASSESSMENT_SECTION_TOPIC],
        subject=english["subject"],
        body_html=english["body_html"],
        url=url,
        translations=translations,
    )
