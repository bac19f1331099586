"""What content apps call: a topic per thing a visitor can follow, and draft updates about it
for staff to review and send."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.text import slugify
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from ..models import Topic, Update


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


def draft_update_for(
    *,
    topic_keys: list[str],
    subject: str,
    body_html: str,
    url: str,
    translations: dict[str, dict[str, str]] | None = None,
) -> Update:
    """A draft update for the followers of `topic_keys`, for staff to review and send.

    `subject` and `body_html` are the English text; `translations` gives other languages'
    ({"es": {"subject": ..., "body_html": ...}}). Staff can add or edit them before sending."""
    update = Update(url=url)
    translations = translations or {}
    for field, value in [("subject", subject), ("body_html", body_html)]:
        others = {language: texts.get(field, "") for language, texts in translations.items()}
        for name, text in _localized(field, value, others).items():
            setattr(update, name, text)
    update.save()
    update.topics.set(Topic.objects.filter(key__in=topic_keys))
    return update


def draft_update_in_every_language(*, topic_keys: list[str], texts, url) -> Update:
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
    )
