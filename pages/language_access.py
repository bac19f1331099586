"""How to ask for translation or interpretation, said in every language the portal speaks.

A reader who cannot read the page's language must still find this line, so it is shown in each
language of settings.LANGUAGES at once (each marked with its own lang), not only in the page's.
"""

import functools
import gettext as gnu_gettext
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
    bidi: bool = False  # written right to left


def language_access_lines() -> list[LanguageAccessLine]:
    lines = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            text = gettext(
                "Free translation or interpretation: call %(phone)s or write to us through "
                "the contact form."
            ) % {"phone": settings.LANGUAGE_ACCESS_PHONE}
            lines.append(
                LanguageAccessLine(
                    code, text, reverse("pages:contact"), translation.get_language_bidi()
                )
            )
    return lines


@functools.cache
def catalogue_header(code: str) -> dict[str, str]:
    """The header of `code`'s compiled catalogue (keys lower-cased, as gettext gives them): who
    translated it (X-Translated-By) and whether the City has reviewed it (X-Review-Status)."""
    try:
        catalogue = gnu_gettext.translation(
            "django", settings.LOCALE_PATHS[0], languages=[translation.to_locale(code)]
        )
    except OSError:  # no compiled catalogue: English, or messages not compiled yet
        return {}
    return catalogue.info()


def is_reviewed(code: str) -> bool:
    """Whether the City's language access program has reviewed the interface in `code`.
    English is the original; any other language counts as reviewed only when its catalogue's
    header says `X-Review-Status: reviewed ...` (the date and reviewer follow the word)."""
    if code == settings.LANGUAGE_CODE:
        return True
    return catalogue_header(code).get("x-review-status", "").startswith("reviewed")
