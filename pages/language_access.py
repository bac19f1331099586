"""How to ask for translation or interpretation, said in every language the portal speaks.

A reader who cannot read the page's language must still find this line, so it is shown in each
language of settings.LANGUAGES at once (each marked with its own lang), not only in the page's.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext


@dataclass(frozen=True)
class LanguageAccessLine:
    code: str
    text: str
    contact_url: str  # the contact form, in that language


def language_access_lines() -> list[LanguageAccessLine]:
    lines = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            text = gettext(
                "Free translation or interpretation: call %(phone)s or write to us through "
                "the contact form."
            ) % {"phone": settings.LANGUAGE_ACCESS_PHONE}
            lines.append(LanguageAccessLine(code, text, reverse("pages:contact")))
    return lines
