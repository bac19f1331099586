"""The WCAG 2.2 criteria axe cannot judge, in Debian's chromium, in English and Spanish.

- 2.4.11 Focus not obscured: Tab through every kind of page, at a desktop and a phone width;
  at each stop the focused element's centre is the element itself (document.elementFromPoint),
  not something sticky or fixed drawn over it.
- 2.5.7 Dragging movements: no element is draggable and no script listens for a drag.
- 3.2.6 Consistent help: the header's and the footer's links, the contact link among them, are
  the same and in the same order on every page.
- 3.3.7 Redundant entry: after an error, and from the footer's sign-up to the preferences page,
  what was typed or chosen is kept, never asked for again.
- 3.3.8 Accessible authentication: the staff sign-in asks for no puzzle or CAPTCHA, and lets a
  password manager fill it in and a person paste into it.
"""

import re
from urllib.parse import urlparse

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail

from subscriptions.models import Topic
from tests.accessibility.test_axe import (
    assert_one_of_each_kind,
    axe_violations,
    crawl,
    pages_links_miss,
)
from tests.accounts.conftest import PASSWORD, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "es"]
WIDTHS = [(1280, 800), (375, 740)]
STAFF_SIGN_IN = "/accounts/login/"
MOST_TAB_STOPS = 400  # more stops than any page has: focus must come back round before that

# Every listener a script adds for a drag, or for the pointer moves a drag is made of; and
# nothing else (Bootstrap's click and key handlers are not drags).
RECORD_DRAG_LISTENERS = """(() => {
  const drags = new Set(['dragstart', 'drag', 'dragend', 'dragenter', 'dragover', 'dragleave',
    'drop', 'pointermove', 'touchmove', 'mousemove']);
  const listeners = window.__dragListeners = [];
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (drags.has(type)) {
      const where = this.nodeType === 1 ? this.outerHTML.slice(0, 60) : String(this);
      listeners.push(`${type} on ${where}`);
    }
    return add.call(this, type, ...rest);
  };
})();"""

DRAGGING = """() => [
  ...window.__dragListeners,
  ...[...document.querySelectorAll(
    '[draggable=true], [ondragstart], [ondrag], [ondrop], [ondragover], [ontouchmove],'
    + ' [onpointermove], [onmousemove]'
  )].map((el) => `draggable: ${el.outerHTML.slice(0, 60)}`),
]"""

# The site's own links round every page's content, in order: the header's navigation and the
# footer's links (not the language switcher, which points at this page, nor the sign-up form's
# column, which the sign-up and staff pages replace), and whether the footer comes after main.
HELP_LINKS = r"""() => ({
  links: [...document.querySelectorAll(
    'header nav[aria-label] .navbar-nav a, header form[role=search], .site-footer-links a'
  )].map((el) => el.textContent.trim().replace(/\s+/g, ' ')
    + ` ${el.getAttribute('href') || el.getAttribute('action')}`),
  footerAfterMain: Boolean(document.querySelector('main')?.compareDocumentPosition(
    document.querySelector('footer')) & Node.DOCUMENT_POSITION_FOLLOWING),
})"""

# A walk through the page with Tab. Each stop is judged when the next Tab is pressed (keydown,
# before focus moves on), so the walk needs no round trip to the page per stop. Is the element
# drawn at its centre, or is something drawn over it? Tabs can arrive faster than the page draws:
# on a busy machine a stop can be judged before its scroll into view has been drawn. So a stop
# that looks hidden holds focus (that Tab does nothing) until two frames have been drawn, and is
# judged again; what a person would see then is the verdict. A stop that is really hidden is
# still hidden then. The walk has come round when a stop has focus a second time.
WATCH_FOCUS = """() => {
  window.__focusWalk?.stop();
  document.activeElement?.blur();
  window.scrollTo(0, 0);
  const what = (e) => `<${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}> `
    + (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 40);
  // A link wrapped over two lines is drawn in two boxes, and the centre of the box round both
  // can fall on the next link: each line's box is looked at, and one drawn is enough.
  const judge = (el) => {
    const lines = [...el.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1);
    let problem = `${what(el)} is out of sight`;
    for (const box of lines.length ? lines : [el.getBoundingClientRect()]) {
      const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
      const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
      if (right - left < 1 || bottom - top < 1) continue;
      const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
      // Its label at the centre is the element's own.
      if (hit && (hit === el || el.contains(hit) || hit.contains(el)
          || [...(el.labels || [])].some((label) => label.contains(hit)))) return null;
      let cover = hit;
      while (cover && !['fixed', 'sticky'].includes(getComputedStyle(cover).position))
        cover = cover.parentElement;
      problem = `${what(el)} is covered by ${hit ? what(hit) : 'nothing drawn'}`
        + (cover ? ` (inside ${getComputedStyle(cover).position} ${what(cover)})` : '');
    }
    return problem;
  };
  const seen = new Set();
  const walk = window.__focusWalk = {problems: [], stops: 0, round: false, waiting: false};
  const afterTwoFrames = (then) => requestAnimationFrame(() => requestAnimationFrame(then));
  let judgedAgain = null;
  const keydown = (event) => {
    if (event.key !== 'Tab') return;
    if (walk.waiting) { event.preventDefault(); return; }
    const el = document.activeElement;
    if (el === judgedAgain) { judgedAgain = null; return; }
    if (walk.round || !el || el === document.body) return;
    if (seen.has(el)) { walk.round = true; return; }
    seen.add(el);
    walk.stops += 1;
    if (!judge(el)) return;
    event.preventDefault();
    walk.waiting = true;
    afterTwoFrames(() => {
      const problem = judge(el);
      if (problem) walk.problems.push(problem);
      judgedAgain = el;
      walk.waiting = false;
    });
  };
  document.addEventListener('keydown', keydown, true);
  walk.stop = () => document.removeEventListener('keydown', keydown, true);
}"""
WALK_DONE = "() => { const walk = window.__focusWalk; walk.stop(); return walk; }"


def obscured_focus(page, presses_between_looks: int = 10) -> list[str]:
    """Tab from the top of the page until focus comes back round; what hid the focus."""
    page.evaluate(WATCH_FOCUS)
    # A Tab pressed while a stop waits to be judged again does nothing: count stops, not Tabs.
    walk = {"round": False, "stops": 0}
    for _ in range(0, 4 * MOST_TAB_STOPS, presses_between_looks):
        for _ in range(presses_between_looks):
            page.keyboard.press("Tab")
        walk = page.evaluate("({round: window.__focusWalk.round, stops: window.__focusWalk.stops})")
        if walk["round"] or walk["stops"] >= MOST_TAB_STOPS:
            break
    page.wait_for_function("!window.__focusWalk.waiting")
    walk = page.evaluate(WALK_DONE)
    if not walk["round"]:
        return [*walk["problems"], f"focus never came back round in {MOST_TAB_STOPS} stops"]
    if walk["stops"] < 3:
        return [*walk["problems"], f"only {walk['stops']} stops: the walk did not walk"]
    return walk["problems"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_of_page_keeps_focus_in_sight_help_in_place_and_needs_no_dragging(
    live_server, browser, site_with_every_kind_of_page, language
):
    # Reduced motion: focus scrolls into view at once, not smoothly after the check has looked.
    context = browser.new_context(reduced_motion="reduce")
    context.add_init_script(RECORD_DRAG_LISTENERS)
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    help_links: dict[str, list[str]] = {}

    def check(path: str) -> None:
        found = [f"2.5.7 dragging: {d}" for d in page.evaluate(DRAGGING)]
        chrome = page.evaluate(HELP_LINKS)
        help_links[path] = chrome["links"]
        if not chrome["footerAfterMain"]:
            found.append("3.2.6 the footer is not after the content")
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            found += [f"2.4.11 at {width} px: {p}" for p in obscured_focus(page)]
        if found:
            problems[path] = found

    home = "/es/" if language == "es" else "/"
    also = pages_links_miss(language)
    if language == "en":
        also.append(STAFF_SIGN_IN)  # in English only: staff pages have one address
    try:
        pages = crawl(page, live_server.url, per_kind=1, language=language, also=also, visit=check)
    finally:
        context.close()
    assert_one_of_each_kind(pages, language)
    assert problems == {}, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)

    # 3.2.6: the same help, in the same order, on every page; the contact page among it twice
    # (the main navigation and the footer).
    contact = f"{home}contact/"
    assert sum(link.endswith(f" {contact}") for link in help_links[home]) >= 2
    differ = {path: links for path, links in help_links.items() if links != help_links[home]}
    assert differ == {}, f"help links differ from {home}'s {help_links[home]}: {differ}"


# The choices a sign-up form shows.
CHOICES = """(form) => {
  const ticked = (name) => [...form.querySelectorAll(`[name=${name}]:checked`)]
    .map((el) => el.value);
  return {
    topics: ticked('topics'),
    frequency: ticked('frequency'),
    language: form.querySelector('[name=language]').value,
  };
}"""


def choices(page, form: str = "main form") -> dict:
    return page.locator(form).first.evaluate(CHOICES)


def preferences(page) -> dict:
    """The preferences page's choices; its form names topics by id, the sign-up forms by key."""
    shown = choices(page)
    ids = [int(value) for value in shown["topics"]]
    shown["topics"] = sorted(Topic.objects.filter(pk__in=ids).values_list("key", flat=True))
    return shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_was_typed_is_kept_after_an_error_and_never_asked_for_again(
    live_server, browser, initiative_content, eager_celery, language
):
    home = "/es/" if language == "es" else "/"
    other_language = "en" if language == "es" else "es"
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        # The footer's sign-up, with a mistake in the address and choices other than the
        # defaults: the full sign-up page shows the error with everything as it was.
        page.goto(live_server.url + home)
        page.fill("#footer-signup-email", "resident.example.org")
        page.uncheck("#footer-topic-2")
        page.locator("footer input[name=frequency]").nth(1).check()
        page.select_option("#footer-signup-language", other_language)
        chosen = choices(page, "footer form")
        assert len(chosen["topics"]) == 3 and chosen["language"] == other_language
        with page.expect_navigation():
            page.click("footer button[type=submit]")
        assert page.locator("#error-summary").is_visible()
        assert page.locator("#id_email").input_value() == "resident.example.org"
        assert choices(page) == chosen

        # Corrected, sent and confirmed: the preferences page shows those choices and the
        # address, and asks for neither again.
        page.fill("#id_email", "resident@example.org")
        with page.expect_navigation():
            page.click("main button[type=submit]")
        (message,) = [m for m in mail.outbox if "resident@example.org" in m.to]
        confirm = re.search(r"https?://\S+/updates/confirm/\S+/", message.body).group(0)
        page.goto(live_server.url + urlparse(confirm).path)
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert "/updates/manage/" in page.url
        assert "resident@example.org" in page.locator("main .lead").inner_text()
        assert page.locator("main input[type=email], main input[name=email]").count() == 0
        assert preferences(page) == {**chosen, "topics": sorted(chosen["topics"])}

        # The contact form with a mistake: every field keeps what was typed.
        page.goto(f"{live_server.url}{home}contact/")
        typed = {
            "#id_name": "Ana Resident",
            "#id_email": "ana.example.org",
            "#id_subject": "A question",
            "#id_message": "When is the next roadmap update?",
        }
        for field, text in typed.items():
            page.fill(field, text)
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert page.locator("#error-summary a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        ) == ["#id_email"]
        assert {field: page.locator(field).input_value() for field in typed} == typed
    finally:
        context.close()


def test_staff_sign_in_asks_for_no_puzzle_and_lets_a_password_manager_fill_it(
    live_server, browser, django_user_model
):
    """WCAG 3.3.8: no CAPTCHA or other cognitive test; the email, password and code fields say
    what they hold (autocomplete), so a password manager fills them, and pasting works. Staff
    pages have one address, in English (cleanindustry/urls.py)."""
    user = django_user_model.objects.create_user(
        username="editor@example.org", email="editor@example.org", password=PASSWORD,
        is_staff=True,
    )  # fmt: skip
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    # bypass_csp: axe checks these pages too, which the public crawl leaves out.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + STAFF_SIGN_IN)
        assert axe_violations(page) == []
        assert no_cognitive_test(page, "login", "password") == []
        assert page.get_attribute("input[name=login]", "autocomplete") in {"email", "username"}
        assert page.get_attribute("input[name=password]", "autocomplete") == "current-password"

        # A wrong password: the address stays, only the password is asked for again.
        paste(page, "input[name=login]", user.email)
        paste(page, "input[name=password]", "not the password")
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert page.locator("input[name=login]").input_value() == user.email
        paste(page, "input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("main button[type=submit]")

        # The second factor: a code from an app, which may be pasted or filled in.
        page.wait_for_url("**/accounts/2fa/authenticate/")
        assert axe_violations(page) == []
        assert no_cognitive_test(page, "code") == []
        assert page.get_attribute("input[name=code]", "autocomplete") == "one-time-code"
        paste(page, "input[name=code]", totp_code(secret))
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert urlparse(page.url).path == "/admin/"
    finally:
        context.close()


# A CAPTCHA, a puzzle or a test to transcribe: a field beyond the ones a sign-in needs, the
# usual services' frames and scripts, images, canvases or sounds in the form; and anything that
# stops pasting or a password manager.
COGNITIVE_TESTS = """() => {
  const found = [];
  const form = document.querySelector('main form');
  const fields = [...form.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden').map((el) => el.name);
  for (const el of document.querySelectorAll('iframe, script[src*=captcha i],'
      + ' script[src*=turnstile i], [class*=captcha i], [id*=captcha i],'
      + ' main form img, main form canvas, main form audio, main form video'))
    found.push(`shows ${el.outerHTML.slice(0, 60)}`);
  for (const el of form.querySelectorAll('[onpaste], [oncopy], [ondrop], [autocomplete=off]'))
    if (el.type !== 'hidden') found.push(`blocks ${el.outerHTML.slice(0, 60)}`);
  return {fields, found};
}"""


def no_cognitive_test(page, *fields: str) -> list[str]:
    """What makes the page's form more than `fields` to fill in (empty if nothing)."""
    shown = page.evaluate(COGNITIVE_TESTS)
    extra = [f"asks for {name}" for name in shown["fields"] if name not in fields]
    return extra + shown["found"]


def paste(page, selector: str, text: str) -> None:
    """Paste `text` into a field: the paste event must not be cancelled by a script, and the
    text arrives as a password manager's or a paste's does (insertText)."""
    field = page.locator(selector)
    field.fill("")
    not_cancelled = field.evaluate(
        """(el, text) => {
          const data = new DataTransfer();
          data.setData('text/plain', text);
          return el.dispatchEvent(
            new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )
    assert not_cancelled, f"pasting into {selector} is blocked"
    field.focus()
    page.keyboard.insert_text(text)
    assert field.input_value() == text


def test_the_checks_see_focus_hidden_a_drag_and_a_puzzle(page):
    """The checks above are only worth something if they catch a page that fails them."""
    page.set_content(
        '<html lang="en"><body><footer style="position: fixed; bottom: 0; left: 0; right: 0;'
        ' height: 300px; background: #fff">Cookies</footer><main>'
        + '<a href="#away" style="position: absolute; left: -10000px">Out of the way</a>'
        + "".join(f'<p style="margin: 0 0 200px"><a href="#{i}">Link {i}</a></p>' for i in range(8))
        + '<div draggable="true">Drag me</div>'
        '<form><img src="data:," alt="Type the letters"><input name="login">'
        '<input name="letters"><input name="password" onpaste="return false"></form>'
        "</main></body></html>"
    )
    hidden = obscured_focus(page)
    assert any("covered by <footer> Cookies" in p and "(inside fixed" in p for p in hidden), hidden
    assert "<a> Out of the way is out of sight" in hidden, hidden
    page.evaluate(RECORD_DRAG_LISTENERS)
    page.evaluate("document.body.addEventListener('pointermove', () => {})")
    dragging = page.evaluate(DRAGGING)
    assert any(d.startswith("pointermove on <body>") for d in dragging), dragging
    assert any(d.startswith('draggable: <div draggable="true">') for d in dragging), dragging
    assert page.evaluate(HELP_LINKS)["footerAfterMain"] is False
    found = no_cognitive_test(page, "login", "password")
    assert "asks for letters" in found, found
    assert any(f.startswith("shows <img") for f in found), found
    assert any(f.startswith('blocks <input name="password"') for f in found), found
