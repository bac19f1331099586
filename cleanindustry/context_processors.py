from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy, gettext_noop

# settings.SITE_NAME, for makemessages: pages show it in their own language.
gettext_noop("Clean Industry Portal")


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in the language itself, as a speaker of it looks for it
    url: str  # this page in that language (the same path when the page has no translation)
    current: bool


def language_versions(request) -> list[LanguageVersion]:
    """This page in every language, for the switcher and the hreflang alternates."""
    current = get_language()
    path = request.get_full_path()
    return [
        LanguageVersion(code, name, translate_url(path, code), code == current)
        for code, name in settings.LANGUAGES
    ]


def site(request):
    return {
        "SITE_NAME": gettext_lazy(settings.SITE_NAME),
        "SITE_URL": settings.SITE_URL,
        # Lazy: e-mails and fragments rendered with a request but without a switcher pay nothing.
        "language_versions": SimpleLazyObject(lambda: language_versions(request)),
    }
