"""No third-party hosts: every page loads its fonts, scripts, styles and images from the site.

The browser test records every request chromium makes while crawling the public pages; the
static check reads the templates and stylesheets for asset URLs on other hosts.
"""

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.accessibility.test_axe import crawl_languages

ROOT = Path(__file__).resolve().parents[2]
# An asset is loaded by src/srcset, by <link href> (stylesheets, icons, preloads) and by CSS url().
ASSET_URL = re.compile(
    r"""<(?:script|img|source|iframe|audio|video|embed|input)\b[^>]*\b(?:src|srcset|poster)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|@import\s+["']?(?:url\()?\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def asset_files() -> list[Path]:
    files = [p for p in (ROOT / "templates").rglob("*.html") if "/email/" not in p.as_posix()]
    files += [p for p in (ROOT / "static").rglob("*.css") if "/vendor/" not in p.as_posix()]
    return files


def test_templates_and_stylesheets_load_no_asset_from_another_host():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in asset_files()
        for match in ASSET_URL.finditer(path.read_text())
    ]
    assert offenders == []


def test_the_static_check_sees_a_third_party_asset():
    for html in [
        '<script src="https://cdn.example.com/x.js"></script>',
        "<link rel='stylesheet' href='//fonts.example.com/css'>",
        '<img alt="" src="http://example.com/a.png">',
        "body { background: url('https://example.com/b.png') }",
    ]:
        assert ASSET_URL.search(html), html
    assert not ASSET_URL.search('<a href="https://www.w3.org/TR/WCAG21/">WCAG</a>')  # a link


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_public_page_loads_only_from_the_site(live_server, browser, initiative_content):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        # Arabic pages load their own (right-to-left) stylesheet: from here too.
        pages = crawl_languages(page, live_server.url, ["en", "ar"], per_kind=1)
    finally:
        context.close()
    assert len(pages) > 10
    site = urlparse(live_server.url)
    elsewhere = sorted(
        {url for url in requests if urlparse(url).scheme not in {"data", "blob"}}
        - {url for url in requests if urlparse(url).netloc == site.netloc}
    )
    assert elsewhere == []
    assert any("/static/" in url for url in requests)  # the recording did see the assets
