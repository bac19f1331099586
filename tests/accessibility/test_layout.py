"""Reflow at 320 CSS px, text at 200 %, reduced motion: WCAG 1.4.10, 1.4.4 and 2.3.3.

One page of each kind, found by the same crawl as the axe test, in Debian's chromium.
"""

import pytest

from tests.accessibility.test_axe import crawl_languages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCROLL_WIDTH = "document.documentElement.scrollWidth"

# Controls that overlap, or whose text does not fit their box, once text is twice as large.
OVERLAPS = """() => {
  const shown = (el) => {
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && r.width > 1 && r.height > 1
      && !el.closest('.visually-hidden, .visually-hidden-focusable, [aria-hidden=true]');
  };
  const controls = [...document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, .btn, .nav-link, .navbar-brand'
  )].filter(shown);
  const problems = [];
  for (const [i, a] of controls.entries()) {
    if (a.scrollWidth > a.clientWidth + 1 && getComputedStyle(a).overflowX === 'hidden')
      problems.push(`clipped: ${a.outerHTML.slice(0, 80)}`);
    const ra = a.getBoundingClientRect();
    for (const b of controls.slice(i + 1)) {
      if (a.contains(b) || b.contains(a)) continue;
      const rb = b.getBoundingClientRect();
      const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      const what = (el) => el.outerHTML.slice(0, 60);
      if (x > 1 && y > 1) problems.push(`overlap: ${what(a)} / ${what(b)}`);
    }
  }
  return problems;
}"""


@pytest.fixture
def one_page_of_each_kind(live_server, browser, initiative_content):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    # English and Spanish, and Arabic for a layout mirrored right to left.
    pages = crawl_languages(page, live_server.url, ["en", "es", "ar"], per_kind=1)
    context.close()
    for section in ["/about/", "/exchange/", "/roadmap/", "/contact/", "/accessibility/"]:
        assert section in pages
        assert f"/ar{section}" in pages
    return pages


def test_reflow_at_320_px_and_text_at_200_percent(live_server, browser, one_page_of_each_kind):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        too_wide = {}
        for path in one_page_of_each_kind:
            page.goto(live_server.url + path)
            if (width := page.evaluate(SCROLL_WIDTH)) > 320:
                too_wide[path] = width
        assert too_wide == {}, f"horizontal scroll at 320 px: {too_wide}"

        # 200 % text on a 640 px window: what a 1280 px screen shows with text zoomed to 200 %.
        page.set_viewport_size({"width": 640, "height": 800})
        problems = {}
        for path in one_page_of_each_kind:
            page.goto(live_server.url + path)
            page.evaluate("document.documentElement.style.fontSize = '200%'")
            if (width := page.evaluate(SCROLL_WIDTH)) > 640:
                problems[path] = [f"horizontal scroll: {width} px"]
            if overlaps := page.evaluate(OVERLAPS):
                problems.setdefault(path, []).extend(overlaps)
        assert problems == {}, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)
    finally:
        context.close()


LONGEST_MOTION = """() => {
  const seconds = (list) => Math.max(...list.split(',').map(
    (t) => t.trim().endsWith('ms') ? parseFloat(t) / 1000 : parseFloat(t)));
  let longest = 0;
  for (const el of document.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    longest = Math.max(longest, seconds(s.transitionDuration), seconds(s.animationDuration));
  }
  return {longest, scroll: getComputedStyle(document.documentElement).scrollBehavior};
}"""


@pytest.mark.parametrize("path", ["/", "/contact/"])
def test_reduced_motion_is_respected(live_server, browser, path):
    found = {}
    for motion in ["no-preference", "reduce"]:
        context = browser.new_context(reduced_motion=motion, viewport={"width": 375, "height": 740})
        page = context.new_page()
        page.goto(live_server.url + path)
        found[motion] = page.evaluate(LONGEST_MOTION)
        context.close()
    assert found["no-preference"]["longest"] > 0.05  # the page does move when motion is allowed
    assert found["reduce"]["longest"] <= 0.001
    assert found["reduce"]["scroll"] == "auto"


def test_the_checks_see_a_page_that_fails_them(page):
    """The checks above are only worth something if they catch a broken page."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.set_content(
        '<html lang="en"><body><main><div style="width: 400px">wide</div>'
        '<button style="position: absolute; top: 0; left: 0">One</button>'
        '<button style="position: absolute; top: 0; left: 10px">Two</button></main></body></html>'
    )
    assert page.evaluate(SCROLL_WIDTH) > 320
    assert any(p.startswith("overlap:") for p in page.evaluate(OVERLAPS))
