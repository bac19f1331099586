"""What the roadmap asks of email updates, through subscriptions' public services only."""

from functools import partial

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from modeltranslation.utils import build_localized_fieldname

from subscriptions import services as updates

from .models import Action

ROADMAP_SECTION_TOPIC = "section:roadmap"


def follow_topic_key(action: Action) -> str:
    # Keyed on the primary key: followers keep following when staff rename the slug.
    return f"action:{action.pk}"


def sync_follow_topic(*, action: Action) -> None:
    """Give a published action its own topic, so a visitor can follow it alone."""
    if action.is_published:
        # The topic's title follows the action's, in every language it is written in.
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            updates.ensure_topic(
                key=follow_topic_key(action),
                title=action.title,
                url=action.get_absolute_url(),
                title_translations={
                    code: getattr(action, build_localized_fieldname("title", code), None) or ""
                    for code in settings.MODELTRANSLATION_LANGUAGES
                },
            )


def _update_texts(action: Action) -> dict[str, str]:
    """The draft's subject and body in the active language."""
    latest = action.progress_notes.first()
    return {
        "subject": gettext("Roadmap update: %(title)s") % {"title": action.title},
        "body_html": render_to_string(
            "roadmap/email/action_update.html",
            {"action": action, "latest": latest, "SITE_URL": settings.SITE_URL},
        ),
    }


def draft_update_for_followers(*, action: Action):
    """A draft email update about `action` for its followers and the roadmap's, to review.

    It is drafted in every language: the words around the action's text are in that language,
    and the action's own fields too where staff have translated them (English otherwise)."""
    return updates.draft_update_in_every_language(
        topic_keys=[follow_topic_key(action), ROADMAP_SECTION_TOPIC],
        texts=partial(_update_texts, action),
        url=action.get_absolute_url,
    )
