"""Discoverability: canonical and social tags, breadcrumbs, 404 in English and Spanish, 500
and 503 in every language (sitemap.xml and robots.txt: tests/search/test_sitemaps.py; the
language switcher and the alternates: tests/core/test_context_processors.py)."""

import re

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from cleanindustry import views
from cleanindustry.views import _error_page
from pages import language_access
from tests.languages import localised
from tests.outline import assert_accessible

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

SITE_URL = "https://portal.example.gov"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def meta(html: str, attr: str, name: str) -> str | None:
    found = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', html)
    return found and found.group(1)


@pytest.mark.parametrize("path", ["/", "/about/", "/exchange/", "/roadmap/", "/contact/",
                                  "/accessibility/", "/updates/subscribe/"])  # fmt: skip
def test_every_page_has_canonical_url_and_social_tags(client, content, path):
    html = client.get(path + "?utm_source=x").content.decode()
    assert f'<link rel="canonical" href="{SITE_URL}{path}">' in html
    title = re.search(r"<title>(.*?) · ", html).group(1)
    assert meta(html, "property", "og:title") == title
    assert meta(html, "property", "og:url") == SITE_URL + path
    assert meta(html, "property", "og:site_name") == "Clean Industry Portal"
    assert meta(html, "property", "og:type") in {"website", "article"}
    description = meta(html, "name", "description")
    assert description and meta(html, "property", "og:description") == description
    assert meta(html, "name", "twitter:card") == "summary"
    assert meta(html, "name", "twitter:title") == title
    assert meta(html, "property", "og:image") is None  # no page here has an image: none invented


@pytest.mark.parametrize("path", ["/about/", "/exchange/", "/roadmap/", "/contact/",
                                  "/accessibility/", "/updates/", "/updates/subscribe/",
                                  "/search/?q=port", "/no-such-page/"])  # fmt: skip
def test_every_page_but_home_has_breadcrumbs(client, content, path):
    html = Client(raise_request_exception=False).get(path).content.decode()
    trail = breadcrumbs(html, "en")
    assert trail, f"{path} has no breadcrumbs"
    assert 'href="/">Home</a>' in trail.group(1)
    assert 'aria-current="page"' in trail.group(1)


# The breadcrumbs' label and their first link.
TRAIL = {
    "en": ("Breadcrumb", 'href="/">Home</a>'),
    "es": ("Ruta de navegación", 'href="/es/">Inicio</a>'),
}


def breadcrumbs(html, language):
    label = TRAIL[language][0]
    return re.search(rf'<nav[^>]*aria-label="{label}">(.*?)</nav>', html, re.S)


@pytest.mark.parametrize("path", ["/contact/", "/accessibility/", "/data/",
                                  "/search/?q=zzzqqq", "/contact/thanks/"])  # fmt: skip
def test_pages_have_breadcrumbs_and_an_outline_in_the_page_language(client, path, language):
    response = client.get(localised(path, language))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="ltr">' in html
    trail = breadcrumbs(html, language)
    assert trail, f"{path} has no breadcrumbs in {language}"
    assert TRAIL[language][1] in trail.group(1)
    assert_accessible(response)


def test_home_page_has_no_breadcrumbs(client):
    assert 'aria-label="Breadcrumb"' not in client.get("/").content.decode()


def test_not_found_page_is_in_the_sites_look(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert 'aria-label="Main"' in html and 'href="#main"' in html  # the site's shell
    assert 'role="search"' in html


NOT_FOUND = {
    "en": (
        "<h1>Page not found</h1>",
        "<title>Page not found · Portland Clean Industry Initiative",
        'action="/search/"',
        '<a href="/contact/">Contact us</a> if you cannot find what you need',
    ),
    "es": (
        "<h1>Página no encontrada</h1>",
        "<title>Página no encontrada · Iniciativa de Industria Limpia",
        'action="/es/search/"',
        '<a href="/es/contact/">Contáctenos</a> si no encuentra lo que necesita',
    ),
}


def test_not_found_page_speaks_the_page_language(language):
    response = Client(raise_request_exception=False).get(localised("/no-such-page/", language))
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}" dir="ltr">' in html
    for text in NOT_FOUND[language]:
        assert text in html
    other = NOT_FOUND["es" if language == "en" else "en"][0]
    assert other.removeprefix("<h1>").removesuffix("</h1>") not in html


def test_server_error_page_renders_without_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = get_template("500.html").render()  # what Django's own server_error view does
    assert '<html lang="en" dir="ltr">' in html
    assert "<h1>Sorry, something went wrong</h1>" in html and html.count("<h1") == 1
    assert 'href="/contact/"' in html and "/static/css/site.css" in html
    assert 'lang="es"' not in html  # English only: no second copy


CITY_LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("language", CITY_LANGUAGES)
@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_error_pages_speak_the_language_of_the_address(
    template, language, django_assert_num_queries
):
    with django_assert_num_queries(0):
        html = _error_page(template, localised("/roadmap/", language))
    with translation.override(language):
        heading = gettext(
            "Sorry, something went wrong"
            if template == "500.html"
            else "This page is briefly unavailable"
        )
        bidi = translation.get_language_bidi()
    home = "/" if language == "en" else f"/{language}/"
    assert f'<html lang="{language}" dir="{"rtl" if bidi else "ltr"}">' in html
    assert f"<h1>{heading}</h1>" in html and html.count("<h1") == 1
    assert f'href="{home}"' in html
    assert ("bootstrap.rtl.min.css" in html) == bidi
    if template == "500.html":
        assert f'href="{home}contact/"' in html
    english = re.search(r'<div class="[^"]*" lang="en" dir="ltr">(.*?)</div>', html, re.S)
    if language == "en":
        assert not english
    else:  # the English text follows, marked as English, with English links
        assert heading != "This page is briefly unavailable", "not translated"
        assert english and '<h2 class="h1">' in english.group(1)
        assert 'href="/"' in english.group(1)
        assert ("review-notice" in html) == (not language_access.is_reviewed(language))


def test_server_error_page_falls_back_to_english_when_the_translation_breaks(monkeypatch, caplog):
    from cleanindustry import views

    real = views.loader.render_to_string

    def broken_in_spanish(template):
        if translation.get_language() == "es":
            raise ValueError("a broken catalogue")
        return real(template)

    monkeypatch.setattr(views.loader, "render_to_string", broken_in_spanish)
    html = views._error_page("500.html", "/es/roadmap/")
    assert '<html lang="en"' in html and "Sorry, something went wrong" in html
    assert "answering in English" in caplog.text


def test_server_error_view_answers_with_the_page(client, settings):
    from django.views.defaults import server_error

    response = server_error(client.get("/").wsgi_request)
    assert response.status_code == 500
    assert b"Sorry, something went wrong" in response.content


def test_our_server_error_view_answers_in_the_visitors_language(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = views.server_error(rf.get("/vi/exchange/"))
    assert response.status_code == 500
    assert b'<html lang="vi"' in response.content


def test_accessibility_statement_is_linked_from_every_footer(client):
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/accessibility/"' in footer
    page = client.get("/accessibility/").content.decode()
    assert "WCAG" in page and "2.1" in page and "AA" in page
    assert 'href="/contact/?subject=Accessibility%20barrier"' in page
