"""What content apps call: a topic per thing a visitor can follow, the content each topic
follows, draft updates about it for staff to review and send, and the email of a major change."""

from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from publishing.services import can_publish

from ..models import Topic, Update
from .sending import send_now


def _localized(field: str, value: str, translations: dict[str, str] | None) -> dict:
    """`{field_en: value, field_es: translations["es"], ...}`: the value given is the default
    language's, whatever language is active; languages not given are left empty (so they show
    the default language's text)."""
    values = {build_localized_fieldname(field, DEFAULT_LANGUAGE): value}
    for language, text in (translations or {}).items():
        if language in AVAILABLE_LANGUAGES and language != DEFAULT_LANGUAGE:
            values[build_localized_fieldname(field, language)] = text
    return values


def ensure_topic(
    *,
    key: str,
    title: str,
    url: str = "",
    kind: str = Topic.Kind.ACTION,
    title_translations: dict[str, str] | None = None,
) -> Topic:
    """The Topic for `key`, created if missing; its title and url follow the content's.

    `title` is the English title; `title_translations` ({"es": "..."}) the others, if any."""
    titles = _localized("title", title, title_translations)
    topic = Topic.objects.filter(key=key).first()
    if topic is None:
        slug = base = slugify(key.replace(":", "-"))[:140] or "topic"
        n = 1
        while Topic.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        try:
            with transaction.atomic():
                topic = Topic(key=key, url=url, kind=kind, slug=slug)
                for field, value in titles.items():
                    setattr(topic, field, value)
                topic.save()
                return topic
        except IntegrityError:  # created concurrently
            topic = Topic.objects.get(key=key)
    changed = [f for f, value in titles.items() if getattr(topic, f) != value]
    if topic.url != url:
        changed.append("url")
    if changed:
        for field, value in titles.items():
            setattr(topic, field, value)
        topic.url = url
        topic.save(update_fields=changed)
    return topic


# Each content app says which of its published rows a topic follows (`register_topic_content`).
_topic_content: list[Callable[[str], QuerySet | None]] = []


def register_topic_content(resolve: Callable[[str], QuerySet | None]) -> None:
    """`resolve(topic_key)` gives the published rows the topic with that key follows (a
    queryset of one model), or None: their change notes join the topic's feed. Each content
    app registers its own from AppConfig.ready()."""
    if resolve not in _topic_content:
        _topic_content.append(resolve)


def topic_content(key: str) -> list[QuerySet]:
    """The published rows the topic `key` follows, one queryset per model."""
    return [rows for resolve in _topic_content if (rows := resolve(key)) is not None]


def draft_update_for(
    *,
    topic_keys: list[str],
    subject: str,
    body_html: str,
    url: str,
    translations: dict[str, dict[str, str]] | None = None,
    created_by=None,
) -> Update:
    """A draft update for the followers of `topic_keys`, for staff to review and send.

    `subject` and `body_html` are the English text; `translations` gives other languages'
    ({"es": {"subject": ..., "body_html": ...}}). Staff can add or edit them before sending."""
    update = Update(url=url, created_by=created_by if getattr(created_by, "pk", None) else None)
    translations = translations or {}
    for field, value in [("subject", subject), ("body_html", body_html)]:
        others = {language: texts.get(field, "") for language, texts in translations.items()}
        for name, text in _localized(field, value, others).items():
            setattr(update, name, text)
    update.save()
    update.topics.set(Topic.objects.filter(key__in=topic_keys))
    return update


def draft_update_in_every_language(*, topic_keys: list[str], texts, url, created_by=None) -> Update:
    """`draft_update_for`, written in every language of the site: `texts()` gives the
    {"subject", "body_html"} of the update in the active language, and is called once per
    language; `url()` gives the English address of what the update is about."""
    with translation.override(DEFAULT_LANGUAGE):
        english, address = texts(), url()
    translations = {}
    for code, _ in settings.LANGUAGES:
        if code != DEFAULT_LANGUAGE:
            with translation.override(code):
                translations[code] = texts()
    return draft_update_for(
        topic_keys=topic_keys,
        subject=english["subject"],
        body_html=english["body_html"],
        url=address,
        translations=translations,
        created_by=created_by,
    )


def may_send_updates(user) -> bool:
    """Who may send an update to subscribers: a publisher (the publishing right and the right
    to send, which the Publishers role holds together)."""
    return can_publish(user) and user.has_perm("subscriptions.send_update")


def email_major_change(*, obj, note, topic_keys: list[str], user) -> str:
    """Email the followers of `topic_keys` about a major change to `obj` (a `publishing`
    ChangeNote): its note, in each subscriber's language where staff wrote one, and a link.

    A publisher's is sent at once (after the save commits); anyone else's is left as a draft
    for a publisher to review and send. Returns what was done, for the staff member."""

    def texts():
        context = {"obj": obj, "note": note, "SITE_URL": settings.SITE_URL}
        return {
            "subject": gettext("Updated: %(title)s") % {"title": obj},
            "body_html": render_to_string("subscriptions/drafts/change_note.html", context),
        }

    update = draft_update_in_every_language(
        topic_keys=topic_keys, texts=texts, url=obj.get_absolute_url, created_by=user
    )
    if may_send_updates(user) and send_now(update=update):
        return gettext("The change note is being emailed to the followers.")
    return gettext(
        "A draft email update with the change note is waiting for a publisher to send it."
    )
