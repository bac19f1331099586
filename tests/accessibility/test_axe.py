"""Every public page reachable from the home page, checked by axe-core in Debian's chromium.

axe-core comes from the npm registry (package-lock.json) and is injected into each page; it
checks the WCAG 2.0 and 2.1 A and AA rules. The crawl runs at a desktop and a phone width.
"""

import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIP_PREFIXES = ("/admin/", "/accounts/", "/static/", "/media/")
SKIP_SUFFIXES = (".xml", ".csv", ".json", ".atom", ".rss", "/feed/", ".ics")
PAGES_PER_KIND = 3  # three of each kind of detail page is enough to check its template


def page_kind(path: str) -> str:
    """`/exchange/trips/x/` and `/exchange/trips/y/` are the same kind of page."""
    return re.sub(r"^(/(?:[^/]+/){2,})[^/]+/$", r"\1*/", path)


def crawl(page, base_url: str, limit: int = 160, per_kind: int = PAGES_PER_KIND) -> list[str]:
    seen_kinds: dict[str, int] = {}
    queue, visited, pages = deque(["/"]), set(), []
    while queue and len(pages) < limit:
        path = queue.popleft()
        if path in visited:
            continue
        visited.add(path)
        kind = page_kind(path)
        if seen_kinds.get(kind, 0) >= per_kind:
            continue
        response = page.goto(base_url + path)
        if response is None or response.status != 200:
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        seen_kinds[kind] = seen_kinds.get(kind, 0) + 1
        pages.append(path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urldefrag(href)[0])
            if url.netloc != urlparse(base_url).netloc or url.query:
                continue
            if url.path.startswith(SKIP_PREFIXES) or url.path.endswith(SKIP_SUFFIXES):
                continue
            if url.path not in visited:
                queue.append(url.path)
    return pages


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.fixture
def site_with_every_kind_of_page():
    call_command("load_initiative_content", verbosity=0)
    # Example site visits and recommendations, so those templates are crawled too.
    call_command("seed_demo_data", scale=1, allow_production=True, verbosity=0)


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (375, 740)], ids=["desktop", "phone"])
def test_every_public_page_has_no_axe_violations(
    live_server, browser, site_with_every_kind_of_page, width, height
):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core)")
    # bypass_csp lets axe-core be injected; the pages themselves keep their strict CSP.
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    try:
        pages = crawl(page, live_server.url)
        # The crawl must reach every section; a broken link would silently shrink it.
        # Every page links to itself in Spanish, so the crawl checks both languages.
        for section in ["/about/", "/exchange/", "/assessment/", "/roadmap/", "/contact/"]:
            assert section in pages
            assert f"/es{section}" in pages
        for kind in ["/exchange/trips/", "/exchange/visits/", "/exchange/recommendations/",
                     "/exchange/tracks/", "/events/", "/assessment/findings/",
                     "/roadmap/actions/", "/partners/", "/updates/subscribe/"]:  # fmt: skip
            assert any(p.startswith(kind) for p in pages), f"the crawl never reached {kind}"
            assert any(p.startswith(f"/es{kind}") for p in pages), f"never reached /es{kind}"
        problems = {}
        for path in pages:
            page.goto(live_server.url + path)
            violations = axe_violations(page)
            if violations:
                problems[path] = violations
        assert problems == {}, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)
    finally:
        context.close()


def test_axe_finds_a_violation_when_there_is_one(browser):
    """The check above is only worth something if axe really runs and reports."""
    page = browser.new_page()
    try:
        page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
        assert any(v.startswith("image-alt") for v in axe_violations(page))
    finally:
        page.close()
