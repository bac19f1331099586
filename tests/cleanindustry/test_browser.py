"""A visitor's first journey, in Debian's chromium: home → the exchange → the June 2022 trip."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_to_exchange_to_a_trip(live_server, page):
    call_command("load_initiative_content", verbosity=0)

    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    # The skip link is the first thing a keyboard user reaches.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Denmark exchange").click()
    page.wait_for_url("**/exchange/")
    assert "Kalundborg" in page.locator("main").inner_text()

    study_tour = "Clean Industry Study Tour of Denmark"
    page.locator("main").get_by_role("link", name=study_tour).first.click()
    page.wait_for_url("**/exchange/trips/denmark-study-tour-june-2022/")
    assert page.locator("h1").inner_text() == study_tour
    main_text = page.locator("main").inner_text().lower()
    assert "june 2022" in main_text
    assert "two dozen" in main_text
