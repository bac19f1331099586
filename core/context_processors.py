from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject
from django.utils.http import escape_leading_slashes
from django.utils.translation import (
    get_language,
    get_language_info,
    gettext_lazy,
    gettext_noop,
    override,
)

from . import cache

# settings.SITE_NAME, for makemessages: pages show it in their own language.
gettext_noop("Clean Industry Portal")


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in the language itself, as a speaker of it looks for it
    url: str  # this page in that language (the same path when the page has no translation)
    current: bool
    bidi: bool = False  # written right to left


def page_path(request, *, query: bool = False) -> str:
    """This page's address as a link on this site: percent-encoded, and never starting with `//`.

    The path is what the visitor typed, so `GET //evil.example/about/` (a 404) would otherwise
    link to `//evil.example/...`, which a browser reads as another host; Django's own redirects
    guard it the same way (escape_leading_slashes). A backslash, a tab or a newline, which a
    browser also reads as, or strips into, a slash, is percent-encoded.
    """
    path = request.get_full_path() if query else escape_uri_path(request.path)
    return escape_leading_slashes(path)


def language_versions(request) -> list[LanguageVersion]:
    """This page in every language, for the switcher and the hreflang alternates."""
    current = get_language()
    path = page_path(request, query=True)
    return [
        LanguageVersion(
            code,
            name,
            in_language(request, path, code),
            code == current,
            get_language_info(code)["bidi"],
        )
        for code, name in settings.LANGUAGES
    ]


def in_language(request, path: str, code: str) -> str:
    """`path` (this page's) in language `code`: Django's `translate_url`, but from the match
    the request was already routed by, rather than resolving the path again for each of the
    eleven languages (a third of the cost of a page's switcher)."""
    match = request.resolver_match
    if match is None:  # not routed (an error page): resolve the path, as translate_url does
        return translate_url(path, code)
    with override(code):
        try:
            translated = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
    _, mark, query = path.partition("?")
    return translated + mark + query


def site(request):
    return {
        "SITE_NAME": gettext_lazy(settings.SITE_NAME),
        "SITE_URL": settings.SITE_URL,
        # For the canonical and og:url links (`{{ SITE_URL }}{{ page_path }}`).
        "page_path": SimpleLazyObject(lambda: page_path(request)),
        # Lazy: e-mails rendered with a request but without a switcher pay nothing.
        "language_versions": SimpleLazyObject(lambda: language_versions(request)),
        # For `{% cache %}` around a part of every page (the navigation, the footer): what is
        # deployed and the content version, so that a deploy or any content change renews it.
        "cache_version": SimpleLazyObject(lambda: f"{settings.RELEASE}-{cache.content_version()}"),
    }
