"""The language switcher and the alternates (core/context_processors.py): every page links to
itself in each language, from the path the visitor asked for but never to another host."""

import html as html_module
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

SITE_URL = "https://portal.example.gov"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def html_of(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    ("english", "spanish"),
    [("/", "/es/"), ("/contact/", "/es/contact/"), ("/accessibility/", "/es/accessibility/"),
     ("/data/", "/es/data/"), ("/contact/thanks/", "/es/contact/thanks/")],
)  # fmt: skip
def test_the_switcher_links_to_the_same_page_in_the_other_language(client, english, spanish):
    english_html = html_of(client.get(english))
    spanish_html = html_of(client.get(spanish))
    assert f'<a href="{spanish}" hreflang="es" lang="es">Español</a>' in english_html
    assert f'<a href="{english}" hreflang="en" lang="en" aria-current="true">English</a>' in (
        english_html
    )
    assert f'<a href="{english}" hreflang="en" lang="en">English</a>' in spanish_html
    assert f'<a href="{spanish}" hreflang="es" lang="es" aria-current="true">Español</a>' in (
        spanish_html
    )
    for html in (english_html, spanish_html):
        assert f'<link rel="alternate" hreflang="en" href="{SITE_URL}{english}">' in html
        assert f'<link rel="alternate" hreflang="es" href="{SITE_URL}{spanish}">' in html
        assert f'<link rel="alternate" hreflang="x-default" href="{SITE_URL}{english}">' in html
    assert f'<link rel="canonical" href="{SITE_URL}{spanish}">' in spanish_html


def test_the_switcher_keeps_the_search_query(client):
    spanish_html = html_of(client.get("/es/search/", {"q": "energy jobs"}))
    assert '<a href="/search/?q=energy+jobs" hreflang="en" lang="en">English</a>' in spanish_html
    english_html = html_of(client.get("/search/", {"q": "energy jobs"}))
    assert '<a href="/es/search/?q=energy+jobs" hreflang="es" lang="es">Español</a>' in (
        english_html
    )


def links_of(html: str) -> list[str]:
    """Every address the page links or points to, as a browser reads it: a backslash is a
    slash, tabs and newlines are dropped."""
    links = re.findall(r'\s(?:href|action)="([^"]*)"', html)
    links += re.findall(r'<meta property="og:url" content="([^"]*)"', html)
    links = [html_module.unescape(link) for link in links]
    return [re.sub(r"[\t\n\r]", "", link).replace("\\", "/") for link in links]


@pytest.mark.parametrize(
    "path",
    ["//evil.example/about/", "///evil.example/about/", "//evil.example/es/about/",
     "/\\evil.example/about/", "/\t/evil.example/about/", "//evil.example/search/?q=jobs",
     "/es//evil.example/"],
)  # fmt: skip
def test_no_link_leaves_the_site_whatever_the_requested_path(client, path):
    """The switcher, the alternates, the canonical and og:url are built from the path the
    visitor asked for: `//evil.example/...` must not become a link to that host."""
    path, _, query = path.partition("?")
    response = Client(raise_request_exception=False).get("/", PATH_INFO=path, QUERY_STRING=query)
    assert response.status_code == 404
    html = html_of(response)
    assert 'hreflang="es" lang="es"' in html  # the switcher is there
    for link in links_of(html):
        assert not link.startswith("//"), link
        assert urlsplit(link).netloc in ("", urlsplit(SITE_URL).netloc), link


@pytest.mark.parametrize(
    "path",
    ["/", "/es/roadmap/", "/vi/search/?q=n%C6%B0%E1%BB%9Bc+s%E1%BA%A1ch&page=2",
     "/ar/assessment/?sector=metals&coverage=none", "/exchange/", "/zh-hans/data/"],
)  # fmt: skip
def test_each_language_version_is_what_djangos_translate_url_gives(client, path):
    """The versions come from the match the request was routed by (one resolve, not eleven):
    the same addresses as `translate_url` of the path asked for."""
    from django.conf import settings
    from django.urls import translate_url

    response = client.get(path.partition("?")[0], QUERY_STRING=path.partition("?")[2])
    assert response.status_code == 200
    versions = response.context["language_versions"]
    assert [v.code for v in versions] == [code for code, _ in settings.LANGUAGES]
    for version in versions:
        assert version.url == translate_url(path, version.code), version.code
