"""Staff write Spanish beside English, in the admin's language tabs, in a real browser."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cleanindustry.models import Publishable
from roadmap.models import Action
from tests.roadmap.factories import ActionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_page(browser, live_server, admin_user):
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


def test_staff_write_spanish_in_tabs_and_the_spanish_page_shows_it(live_server, staff_page):
    action = ActionFactory(title="Hub strategy", status=Publishable.Status.PUBLISHED)
    page = staff_page
    page.goto(live_server.url + reverse("admin:roadmap_action_change", args=[action.pk]))

    title_tabs = page.locator(".ui-tabs").filter(has=page.locator("#id_title_en"))
    assert [t.lower() for t in title_tabs.get_by_role("tab").all_inner_texts()] == ["en", "es"]
    assert page.locator("#id_title_es").is_hidden()  # English first
    title_tabs.get_by_role("tab", name="es").click()
    page.locator("#id_title_es").fill("Estrategia del polo de industria limpia")
    # The rich-text editor works in both languages' tabs.
    body_tabs = page.locator(".ui-tabs").filter(has=page.locator("#id_body_es"))
    body_tabs.get_by_role("tab", name="es").click()
    body_tabs.locator(".ProseMirror:visible").click()
    page.keyboard.type("Un texto en español.")
    page.locator("input[name=_continue]").first.click()
    page.wait_for_url("**/change/")

    action.refresh_from_db()
    assert action.title_en == "Hub strategy"
    assert action.title_es == "Estrategia del polo de industria limpia"
    assert "Un texto en español." in action.body_es
    # Nothing the tabs or the editor need was refused by the CSP or failed to load.
    assert not [e for e in page.console_errors if "Refused to" in e or "script" in e.lower()]
    assert not page.failed

    page.goto(live_server.url + "/es" + Action.objects.get(pk=action.pk).get_absolute_url())
    assert page.locator("h1").inner_text() == "Estrategia del polo de industria limpia"
    assert page.locator("html").get_attribute("lang") == "es"


def test_the_tabs_load_nothing_from_another_host(live_server, staff_page):
    action = ActionFactory()
    hosts = set()
    staff_page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    staff_page.goto(live_server.url + reverse("admin:roadmap_action_change", args=[action.pk]))
    assert staff_page.locator(".ui-tabs").count() > 0, staff_page.console_errors
    assert hosts == {live_server.url.split("/")[2]}
