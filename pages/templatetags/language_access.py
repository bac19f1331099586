from django import template
from django.conf import settings
from django.utils.translation import get_language

from core.templatetags.translated import falls_back
from pages.language_access import is_reviewed, language_access_lines

register = template.Library()


@register.inclusion_tag("pages/_language_access.html")
def language_access(absolute_urls_from=""):
    """The language-access line in every supported language. In emails, pass SITE_URL so the
    contact links are absolute; the plain-text emails use `language_access_lines` directly."""
    return {"lines": language_access_lines(), "base_url": absolute_urls_from}


@register.inclusion_tag("pages/_review_notice.html")
def review_notice():
    """One line, in the page's language, on pages whose interface translation the City has not
    reviewed yet: who made it, and the free interpretation line."""
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "show": not is_reviewed(language),
        "phone": settings.LANGUAGE_ACCESS_PHONE,
        "tel": settings.LANGUAGE_ACCESS_TEL,
    }


@register.inclusion_tag("pages/_not_translated_note.html")
def not_translated_note(obj, plain=False):
    """In an email, one line in the reader's language when `obj` (an update) is still in
    English: that it is not translated yet, and how to ask for interpretation. `plain=True`
    for the text part."""
    return {
        "show": falls_back(obj),
        "plain": plain,
        "phone": settings.LANGUAGE_ACCESS_PHONE,
        "tel": settings.LANGUAGE_ACCESS_TEL,
    }
