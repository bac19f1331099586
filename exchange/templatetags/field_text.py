"""`{% field_text obj "title" %}`: a content field printed inside a sentence or a line of text.

When the text is in another language than the page's, it comes wrapped in `<span lang="en">`
(so a screen reader switches voice for it); otherwise it is printed as is, with no empty span. A
field staff write per language (modeltranslation) is in the page's language unless it falls back
to English; a field with no per-language versions (a source's title, its publisher) is in the
default language, English. For a field that has an element of its own, put `lang_attr` on it.
"""

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, translator

from core.templatetags.translated import shown_language

register = template.Library()

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def text_language(obj, field: str) -> str:
    try:
        translated = translator.get_options_for_model(type(obj)).all_fields
    except NotRegistered:
        translated = ()
    return shown_language(obj, field) if field in translated else DEFAULT


@register.simple_tag
def field_text(obj, field: str):
    value = getattr(obj, field, "") or ""
    language = text_language(obj, field)
    if language == (get_language() or DEFAULT):
        return conditional_escape(value)
    return format_html('<span lang="{}">{}</span>', language, value)
