"""What the roadmap asks of email updates, through subscriptions' public services only: a topic
per published action, the actions each topic follows, draft updates and major changes' emails."""

from functools import partial

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from modeltranslation.utils import build_localized_fieldname

from subscriptions import services as updates

from .models import Action, Theme

ROADMAP_SECTION_TOPIC = "section:roadmap"
ACTION_TOPIC_PREFIX = "action:"


def published_actions():
    # An action under a draft theme is not on the public roadmap yet.
    return Action.objects.published().filter(theme__status=Theme.Status.PUBLISHED)


def follow_topic_key(action: Action) -> str:
    # Keyed on the primary key: followers keep following when staff rename the slug.
    return f"{ACTION_TOPIC_PREFIX}{action.pk}"


def followed_actions(topic_key: str):
    """The published actions a topic follows: all of them for the roadmap's topic, one for an
    action's own; None for any other topic (subscriptions' feeds ask every app)."""
    if topic_key == ROADMAP_SECTION_TOPIC:
        return published_actions()
    pk = topic_key.removeprefix(ACTION_TOPIC_PREFIX)
    if topic_key.startswith(ACTION_TOPIC_PREFIX) and pk.isdigit():
        return published_actions().filter(pk=pk)
    return None


def email_major_change(action: Action, *, note, user) -> str:
    """A major change to `action` (its change note), emailed to its followers and the
    roadmap's, or drafted for a publisher to send (publishing.changes calls it)."""
    return updates.email_major_change(
        obj=action,
        note=note,
        topic_keys=[follow_topic_key(action), ROADMAP_SECTION_TOPIC],
        user=user,
    )


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
