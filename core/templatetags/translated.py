"""Content shown in another language than the page's must say so, to readers and to screen readers.

A Spanish page whose row has no Spanish text for a field shows the English text (modeltranslation's
fallback). `lang_attr` marks such a field's element with lang="en", so a screen reader switches
voice; `translation_notice` tells the reader, once per page, that the text is not translated yet.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_bidi, get_language_info
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

register = template.Library()

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
# The fields whose absence makes a page "not translated": what the page is mostly made of.
MAIN_FIELDS = ("title", "name", "heading", "subject", "summary", "description", "body")


def shown_language(obj, field: str) -> str:
    """The language `obj.<field>` is shown in on the current page."""
    language = get_language() or DEFAULT
    if language == DEFAULT or obj is None:
        return language
    try:
        translated = translator.get_options_for_model(type(obj)).all_fields
    except NotRegistered:
        return language
    if field not in translated:
        return language
    if getattr(obj, build_localized_fieldname(field, language), None):
        return language
    return DEFAULT if getattr(obj, build_localized_fieldname(field, DEFAULT), None) else language


@register.filter
def lang_attr(obj, field):
    """` lang="en"` when `obj.<field>` falls back to English on this page (with `dir="ltr"` on
    a right-to-left page), else nothing:
    `<h1{{ action|lang_attr:"title" }}>{{ action.title }}</h1>`."""
    shown = shown_language(obj, field)
    if shown == (get_language() or DEFAULT):
        return ""
    # English inside an Arabic page keeps its own direction.
    direction = "rtl" if get_language_info(shown)["bidi"] else "ltr"
    if direction == ("rtl" if get_language_bidi() else "ltr"):
        return format_html(' lang="{}"', shown)
    return format_html(' lang="{}" dir="{}"', shown, direction)


def _shown_in_english(obj, fields=None) -> bool:
    """True when one of `obj`'s translated `fields` (all of them by default) is shown in
    English on a page in another language."""
    language = get_language() or DEFAULT
    if obj is None or language == DEFAULT:
        return False
    try:
        translated = translator.get_options_for_model(type(obj)).all_fields
    except NotRegistered:
        return False
    return any(
        shown_language(obj, field) != language
        for field in (translated if fields is None else fields)
        if field in translated
    )


def is_untranslated(obj) -> bool:
    """True when a main field of `obj` (title, summary, body...) is shown in English on a page
    in another language."""
    return _shown_in_english(obj, MAIN_FIELDS)


@register.inclusion_tag("core/_translation_notice.html", takes_context=True)
def translation_notice(context, obj=None):
    obj = obj if obj is not None else context.get("object")
    return {"show": is_untranslated(obj), "english_url": _english_url(context)}


def _english_url(context) -> str:
    for version in context.get("language_versions") or []:
        if version.code == DEFAULT:
            return version.url
    return ""


@register.filter
def ltr(value):
    """`value` (an email address, a URL, a phone number) kept left to right inside text of any
    direction: `{{ subscriber.email|ltr }}`, also in `{% blocktranslate with %}`."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


def falls_back(obj) -> bool:
    """True when any text of `obj` with an English version is shown in English on this page
    (an email update whose subject is translated but whose body is not counts)."""
    return _shown_in_english(obj)
