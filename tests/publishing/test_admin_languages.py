"""Staff write Spanish beside English, in the admin's language tabs, in a real browser: under the
site's strict Content-Security-Policy, with nothing refused and nothing from another host."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from pages.models import Page, PageSection
from publishing.models import Publishable
from roadmap.models import Action
from tests.roadmap.factories import ActionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every Content-Security-Policy violation, as the page reports it (the console says so too, but
# in wording that differs between kinds of violation).
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`);
});
"""


@pytest.fixture
def staff_page(browser, live_server, admin_user):
    """A signed-in staff member's tab (a superuser with TOTP set up, as the admin requires)."""
    client = Client()
    client.force_login(admin_user)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.failed = []  # what the page asked for and did not get (the browser's own favicon aside)
    page.on(
        "response",
        lambda r: r.status >= 400 and "favicon" not in r.url and page.failed.append(r.url),
    )
    yield page
    context.close()


def assert_nothing_refused(page):
    """No CSP violation, no script error, no asset missing on the page shown now."""
    assert page.evaluate("window.cspViolations") == []
    # A missing file is in page.failed (the browser's own favicon request aside); anything else
    # the console reports as an error is a fault.
    assert [e for e in page.console_errors if "Failed to load resource" not in e] == []
    assert page.failed == []


def spanish_tab(page, field_id):
    """The tab strip around `field_id`'s English and Spanish fields, switched to Spanish."""
    tabs = page.locator(".ui-tabs").filter(has=page.locator(f"#{field_id}"))
    assert [t.lower() for t in tabs.get_by_role("tab").all_inner_texts()] == ["en", "es"]
    tabs.get_by_role("tab", name="es").click()
    return tabs


def test_staff_write_spanish_in_tabs_and_the_spanish_page_shows_it(live_server, staff_page):
    action = ActionFactory(title="Hub strategy", status=Publishable.Status.PUBLISHED)
    page = staff_page
    page.goto(live_server.url + reverse("admin:roadmap_action_change", args=[action.pk]))
    page.locator(".prose-editor .ProseMirror").first.wait_for(state="attached")  # editor ready
    assert_nothing_refused(page)

    assert page.locator("#id_title_en").is_visible()
    assert page.locator("#id_title_es").is_hidden()  # English first
    spanish_tab(page, "id_title_es")
    assert page.locator("#id_title_en").is_hidden()
    page.locator("#id_title_es").fill("Estrategia del polo de industria limpia")
    spanish_tab(page, "id_summary_es")
    page.locator("#id_summary_es").fill("Planificar el polo con los socios.")
    # The rich-text editor works in the Spanish tab too.
    body_tabs = spanish_tab(page, "id_body_es")
    body_tabs.locator(".ProseMirror:visible").click()
    page.keyboard.type("Un texto en español.")
    assert_nothing_refused(page)
    page.locator("input[name=_continue]").first.click()
    page.wait_for_url("**/change/")
    assert_nothing_refused(page)

    action.refresh_from_db()
    assert action.title_en == "Hub strategy" and action.summary_en == "What this next step does."
    assert action.title_es == "Estrategia del polo de industria limpia"
    assert action.summary_es == "Planificar el polo con los socios."
    assert "Un texto en español." in action.body_es

    page.goto(live_server.url + "/es" + Action.objects.get(pk=action.pk).get_absolute_url())
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Estrategia del polo de industria limpia"
    assert page.locator("p.lead").inner_text() == "Planificar el polo con los socios."
    assert "Un texto en español." in page.locator("main").inner_text()
    page.goto(live_server.url + action.get_absolute_url())
    assert page.locator("h1").inner_text() == "Hub strategy"  # English stays English


def test_an_inline_section_gets_spanish_in_its_own_tabs(live_server, staff_page):
    about = Page.objects.create(
        title="About", slug="about", summary="Who we are.", status=Publishable.Status.PUBLISHED
    )
    section = PageSection.objects.create(
        page=about, heading="Background", anchor="background", body="<p>How it started.</p>"
    )
    page = staff_page
    page.goto(live_server.url + reverse("admin:pages_page_change", args=[about.pk]))
    page.locator(".prose-editor .ProseMirror").first.wait_for(state="attached")
    spanish_tab(page, "id_sections-0-heading_es")
    page.locator("#id_sections-0-heading_es").fill("Antecedentes")
    body_tabs = spanish_tab(page, "id_sections-0-body_es")
    body_tabs.locator(".ProseMirror:visible").click()
    page.keyboard.type("Cómo empezó.")
    page.locator("input[name=_continue]").first.click()
    page.wait_for_url("**/change/")
    assert_nothing_refused(page)

    section.refresh_from_db()
    assert (section.heading_en, section.heading_es) == ("Background", "Antecedentes")
    assert "Cómo empezó." in section.body_es and "How it started." in section.body_en
    page.goto(live_server.url + "/es/about/")
    assert page.locator("#background").inner_text() == "Antecedentes"
    assert "Cómo empezó." in page.locator("main").inner_text()


def test_the_tabs_load_nothing_from_another_host(live_server, staff_page):
    action = ActionFactory()
    hosts = set()
    staff_page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    staff_page.goto(live_server.url + reverse("admin:roadmap_action_change", args=[action.pk]))
    assert staff_page.locator(".ui-tabs").count() > 0, staff_page.console_errors
    assert hosts == {live_server.url.split("/")[2]}
