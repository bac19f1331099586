"""Every public page reachable from the home page, checked by axe-core in Debian's chromium.

axe-core comes from the npm registry (package-lock.json) and is injected into each page; it
checks the WCAG 2.0, 2.1 and 2.2 A and AA rules (axe has no rule of its own for 2.2 level A;
its 2.2 AA rule is target size, 2.5.8). The crawl runs at a desktop and a phone width; what
axe cannot judge of WCAG 2.2 is in test_wcag22.py.
"""

import re
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from cleanindustry.views import _error_page
from exchange.models import SiteVisit
from roadmap.models import Action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SKIP_PREFIXES = ("/admin/", "/accounts/", "/static/", "/media/")
SKIP_SUFFIXES = (".xml", ".csv", ".json", ".atom", ".rss", "/feed/", ".ics")
PAGES_PER_KIND = 3  # three of each kind of detail page is enough to check its template


def page_kind(path: str) -> str:
    """`/exchange/trips/x/` and `/exchange/trips/y/` are the same kind of page."""
    return re.sub(r"^(/(?:[^/]+/){2,})[^/]+/$", r"\1*/", path)


# Every kind of page in English (three of each), Spanish and Arabic, the one written right to
# left (one of each); a sample in Chinese and Vietnamese, whose scripts differ. The other
# languages share their templates and are rendered page by page in
# tests/i18n/test_city_languages.py.
CRAWLS = {"en": PAGES_PER_KIND, "es": 1, "ar": 1}
SAMPLED = ["zh-hans", "vi"]
WIDTHS = {"desktop": (1280, 900), "phone": (375, 740)}


def sample(language: str) -> list[str]:
    """A page of each template family: the home, a list, a detail page, a form, results."""
    action = Action.objects.published().order_by("pk").first()
    with translation.override(language):
        return [
            reverse("pages:home"),
            reverse("roadmap:index"),
            action.get_absolute_url(),
            reverse("assessment:index"),
            reverse("subscriptions:subscribe"),
            f"{reverse('search:search')}?q=roadmap",
        ]


def prefix(code: str) -> str:
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def in_language(path: str, code: str) -> bool:
    """Whether `path` is one of the `code` language's pages (English: no prefix)."""
    if code == settings.LANGUAGE_CODE:
        return not any(path.startswith(f"/{other}/") for other, _ in settings.LANGUAGES)
    return path.startswith(f"/{code}/")


def pages_links_miss(language: str) -> list[str]:
    """Pages to start a one-of-each-kind crawl from as well: only some trips have site visits,
    and only some visits recommendations; and a form, not a link, leads to search results."""
    visit = SiteVisit.objects.published().filter(
        trip__status="published", recommendations__status="published"
    )[0]
    with translation.override(language):
        return [visit.get_absolute_url(), f"{reverse('search:search')}?q=roadmap"]


def assert_one_of_each_kind(pages: list[str], language: str) -> None:
    """A crawl of one language reached every section and every kind of page: a broken link
    would silently shrink it."""
    home = prefix(language)
    sections = ["/", "/about/", "/exchange/", "/assessment/", "/roadmap/", "/contact/", "/data/"]
    sections += ["/updates/", "/updates/subscribe/", "/search/?q=roadmap", "/accessibility/"]
    for section in sections:
        assert home + section in pages, f"the crawl never reached {home}{section}"
    for kind in ["/exchange/trips/", "/exchange/visits/", "/exchange/recommendations/",
                 "/exchange/tracks/", "/events/", "/assessment/findings/",
                 "/roadmap/actions/", "/partners/"]:  # fmt: skip
        assert any(p.startswith(home + kind) for p in pages), f"never reached {home}{kind}"


def crawl(
    page,
    base_url: str,
    limit: int = 160,
    per_kind: int = PAGES_PER_KIND,
    *,
    language: str | None = None,
    also: Sequence[str] = (),
    visit: Callable[[str], None] | None = None,
) -> list[str]:
    """The public pages reachable from the home page (and from the paths `also` names),
    `per_kind` of each kind; only one `language`'s when given. `visit(path)` is called on each
    page while it is loaded, so that a check can run during the crawl instead of loading every
    page again."""
    seen_kinds: dict[str, int] = {}
    start = f"{prefix(language)}/" if language else "/"
    queue, visited, pages = deque([start, *also]), set(), []
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
        if visit:
            visit(path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urldefrag(href)[0])
            if url.netloc != urlparse(base_url).netloc or url.query:
                continue
            if url.path.startswith(SKIP_PREFIXES) or url.path.endswith(SKIP_SUFFIXES):
                continue
            if language and not in_language(url.path, language):
                continue
            if url.path not in visited:
                queue.append(url.path)
    return pages


def crawl_languages(page, base_url: str, languages: Sequence[str], per_kind: int) -> list[str]:
    """One crawl per language (each from its home page), their pages together."""
    pages = []
    for language in languages:
        pages += crawl(page, base_url, per_kind=per_kind, language=language)
    return pages


def axe_violations(page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per page load
        page.add_script_tag(path=str(AXE))
    # resultTypes: only the violations are wanted in full; axe then skips detailing the passes.
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("languages", [*([code] for code in CRAWLS), SAMPLED], ids=" ".join)
def test_every_public_page_has_no_axe_violations(
    languages, live_server, browser, site_with_every_kind_of_page
):
    """Each page is loaded once and checked at a desktop and at a phone width: a whole crawl
    for each language of CRAWLS, the sample for those of SAMPLED (one test each, so that
    the suite's processes share them)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core)")
    # bypass_csp lets axe-core be injected; the pages themselves keep their strict CSP.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    problems = {}

    def check(path: str) -> None:
        for name, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            if violations := axe_violations(page):
                problems[f"{path} ({name})"] = violations

    try:
        for language in languages:
            if language not in CRAWLS:
                continue
            also = pages_links_miss(language)
            pages = crawl(page, live_server.url, per_kind=CRAWLS[language], language=language,
                          also=also, visit=check)  # fmt: skip
            # The crawl must reach every section; a broken link would silently shrink it.
            assert_one_of_each_kind(pages, language)
        for language in languages:
            if language not in SAMPLED:
                continue
            for path in sample(language):
                assert page.goto(live_server.url + path).status == 200, path
                check(path)
    finally:
        context.close()
    assert problems == {}, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)


def test_axe_finds_a_violation_when_there_is_one(browser):
    """The check above is only worth something if axe really runs and reports."""
    page = browser.new_page()
    try:
        page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
        assert any(v.startswith("image-alt") for v in axe_violations(page))
        # The WCAG 2.2 rule too: two small targets side by side (2.5.8).
        small = '<button style="width: 12px; height: 12px; padding: 0; border: 0">{}</button>'
        page.set_content(f'<html lang="en"><body><main>{small.format("a")}{small.format("b")}'
                         "</main></body></html>")  # fmt: skip
        assert any(v.startswith("target-size") for v in axe_violations(page))
    finally:
        page.close()


@pytest.mark.parametrize("language", [*CRAWLS, *SAMPLED])
@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_error_pages_have_no_axe_violations(browser, template, language):
    """The pages shown when the portal is in trouble are reached by no link: each is rendered
    as the error handler renders it and served, with the static files, to the browser by
    Playwright's request routing (no server), then checked at both widths like the crawl."""
    address = f"{prefix(language)}/roadmap/"
    html = _error_page(template, address)

    served = []

    def serve(route):
        path = urlparse(route.request.url).path
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if found:
                served.append(path)
                return route.fulfill(path=found)
            return route.fulfill(status=404)
        return route.fulfill(status=503, body=html, content_type="text/html; charset=utf-8")

    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.route("**/*", serve)
        assert page.goto(f"http://portal.test{address}").status == 503
        # The page in its own look: Bootstrap (right to left for Arabic) and the site's CSS.
        bootstrap = "bootstrap.rtl.min.css" if language == "ar" else "bootstrap.min.css"
        assert {path.rsplit("/", 1)[-1] for path in served} >= {bootstrap, "site.css"}, served
        problems = []
        for name, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            problems += [f"({name}) {v}" for v in axe_violations(page)]
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
