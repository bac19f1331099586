"""Discoverability: canonical and social tags, breadcrumbs, 404 and 500 (sitemap.xml and
robots.txt: tests/search/test_sitemaps.py)."""

import re

import pytest
from django.template.loader import get_template
from django.test import Client

pytestmark = pytest.mark.django_db

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
    trail = re.search(r'<nav[^>]*aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    assert trail, f"{path} has no breadcrumbs"
    assert 'href="/">Home</a>' in trail.group(1)
    assert 'aria-current="page"' in trail.group(1)


def test_home_page_has_no_breadcrumbs(client):
    assert 'aria-label="Breadcrumb"' not in client.get("/").content.decode()


def test_not_found_page_is_in_the_sites_look(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert 'aria-label="Main"' in html and 'href="#main"' in html  # the site's shell
    assert 'role="search"' in html


def test_server_error_page_renders_without_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = get_template("500.html").render()  # what Django's server_error view does
    assert "Sorry, something went wrong" in html
    assert 'href="/contact/"' in html
    assert "/static/css/site.css" in html


def test_server_error_view_answers_with_the_page(client, settings):
    from django.views.defaults import server_error

    response = server_error(client.get("/").wsgi_request)
    assert response.status_code == 500
    assert b"Sorry, something went wrong" in response.content


def test_accessibility_statement_is_linked_from_every_footer(client):
    html = client.get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/accessibility/"' in footer
    page = client.get("/accessibility/").content.decode()
    assert "WCAG" in page and "2.1" in page and "AA" in page
    assert 'href="/contact/?subject=Accessibility%20barrier"' in page


def test_contact_form_takes_its_subject_from_the_link(client):
    html = client.get("/contact/?subject=Accessibility%20barrier").content.decode()
    field = re.search(r'<input[^>]*name="subject"[^>]*>', html).group(0)
    assert 'value="Accessibility barrier"' in field
