"""What axe cannot see: the sign-up and contact journeys by keyboard alone, in Debian's chromium.

Only Tab, Shift+Tab, Space, Enter (and typing, Backspace) are used; every stop must show a focus
ring that differs from the element's unfocused look. Form errors must be announced (a summary
with role="alert" that takes focus), link to their fields and be tied to them (aria-invalid,
aria-describedby).
"""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail

from pages.models import ContactMessage
from subscriptions.models import Subscriber
from tests.accessibility.keyboard import (
    assert_focus_is_visible,
    erase,
    focused_matches,
    press_enter_and_wait,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_errors_are_announced_and_linked(page, field_ids: list[str]) -> None:
    summary = page.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    assert focused_matches(page, "#error-summary"), "the error summary did not take focus"
    links = summary.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links == [f"#{field_id}" for field_id in field_ids]
    for field_id in field_ids:
        field = page.locator(f"#{field_id}")
        assert field.get_attribute("aria-invalid") == "true"
        # A checkbox group's error describes its fieldset.
        described_by = field.evaluate(
            "el => el.getAttribute('aria-describedby')"
            " || el.closest('fieldset')?.getAttribute('aria-describedby') || ''"
        ).split()
        texts = [page.locator(f"#{i}").inner_text() for i in described_by]
        link_text = summary.locator(f'a[href="#{field_id}"]').inner_text()
        assert any(link_text in text for text in texts), f"#{field_id} is not tied to its error"
    assert page.title().startswith("Error:")


def follow_first_error_link(page, field_id: str) -> None:
    tab_to(page, "#error-summary a")
    page.keyboard.press("Enter")
    assert focused_matches(page, f"#{field_id}"), f"the error link did not focus #{field_id}"


def test_sign_up_from_the_footer_by_keyboard_alone(
    live_server, desk, initiative_content, eager_celery
):
    page = desk
    page.goto(live_server.url + "/")
    stops = tab_to(page, "#footer-signup-email")
    assert stops[0].startswith("a#") and "Skip to main content" in stops[0]
    page.keyboard.type("not-an-address")
    tab_to(page, "footer button[type=submit]")
    tab_to(page, "#footer-signup-email", backwards=True)  # Shift+Tab goes back through the form
    tab_to(page, "footer button[type=submit]")
    press_enter_and_wait(page)

    # The answer is the full sign-up page: its error summary is read out first.
    assert urlparse(page.url).path == "/updates/subscribe/"
    assert_errors_are_announced_and_linked(page, ["id_email"])
    follow_first_error_link(page, "id_email")
    page.keyboard.press("End")
    erase(page, len("not-an-address"))
    page.keyboard.type("resident@example.org")
    # Space ticks or unticks a topic; the first one is left ticked.
    tab_to(page, "input[name=topics]")
    ticked = page.evaluate("document.activeElement.checked")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is not ticked
    if ticked:
        page.keyboard.press("Space")
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)
    page.wait_for_url("**/updates/subscribe/check-your-inbox/")
    assert Subscriber.objects.get(email="resident@example.org").status == "pending"

    # The confirmation link from the email, then the Confirm button, by keyboard.
    (message,) = [m for m in mail.outbox if "resident@example.org" in m.to]
    confirm_url = re.search(r"https?://\S+/updates/confirm/\S+/", message.body).group(0)
    page.goto(live_server.url + urlparse(confirm_url).path)
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)
    page.wait_for_url("**/updates/manage/**")
    assert Subscriber.objects.get(email="resident@example.org").status == "confirmed"
    assert "confirmed" in page.locator("[role=status]").inner_text()


def test_sign_up_page_topic_error_links_to_the_first_checkbox(
    live_server, desk, initiative_content, eager_celery
):
    page = desk
    page.goto(live_server.url + "/updates/subscribe/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    tab_to(page, "#id_email")
    page.keyboard.type("resident@example.org")
    # Untick every topic with Space, then send.
    while True:
        page.keyboard.press("Tab")
        assert_focus_is_visible(page)
        if not focused_matches(page, "input[name=topics]"):
            break
        if page.evaluate("document.activeElement.checked"):
            page.keyboard.press("Space")
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)
    assert_errors_are_announced_and_linked(page, ["id_topics_0"])
    follow_first_error_link(page, "id_topics_0")
    page.keyboard.press("Space")
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)
    page.wait_for_url("**/check-your-inbox/")


def test_contact_by_keyboard_alone(live_server, desk, initiative_content):
    page = desk
    page.goto(live_server.url + "/")
    tab_to(page, 'footer a[href="/contact/"]')
    press_enter_and_wait(page)
    page.wait_for_url("**/contact/")
    page.keyboard.press("Tab")
    assert focused_matches(page, ".skip-link")
    page.keyboard.press("Enter")
    assert focused_matches(page, "main")
    page.keyboard.press("Tab")
    assert focused_matches(page, "#id_name"), "the form is not the first stop in the content"
    assert_focus_is_visible(page)
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)

    assert_errors_are_announced_and_linked(
        page, ["id_name", "id_email", "id_subject", "id_message"]
    )
    follow_first_error_link(page, "id_name")
    page.keyboard.type("Ana Resident")
    for field, text in [
        ("#id_email", "ana@example.org"),
        ("#id_subject", "A question"),
        ("#id_message", "When is the next roadmap update?"),
    ]:
        tab_to(page, field)
        page.keyboard.type(text)
    tab_to(page, "main button[type=submit]")
    press_enter_and_wait(page)
    page.wait_for_url("**/contact/thanks/")
    assert ContactMessage.objects.get().subject == "A question"


def test_accessibility_statement_reports_a_barrier_through_the_contact_form(live_server, desk):
    page = desk
    page.goto(live_server.url + "/")
    tab_to(page, 'footer a[href="/accessibility/"]')
    press_enter_and_wait(page)
    page.wait_for_url("**/accessibility/")
    assert "(WCAG) 2.2" in page.locator("main").inner_text()
    tab_to(page, 'main a[href^="/contact/"]')
    press_enter_and_wait(page)
    page.wait_for_url("**/contact/?subject=*")
    assert page.locator("#id_subject").input_value() == "Accessibility barrier"
