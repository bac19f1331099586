"""Visitors' journeys end to end in Debian's chromium, with emails read from Django's outbox.

The live server runs in this process, so the confirmation and update emails it sends land in
`django.core.mail.outbox`; Celery runs eagerly (fixture `eager_celery`).
"""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail

from subscriptions import services
from subscriptions.models import Subscriber, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "resident@example.org"


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def messages_to(address):
    return [m for m in mail.outbox if address in m.to]


def link_in(message, path_prefix: str) -> str:
    url = re.search(rf"https?://[^\s\"'<>]+{re.escape(path_prefix)}[^\s\"'<>]*", message.body)
    assert url, f"no {path_prefix} link in {message.subject!r}"
    return urlparse(url.group(0)).path


def test_visitor_finds_follows_and_hears_about_an_action(
    live_server, desk, initiative_content, eager_celery
):
    page = desk
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Roadmap").click()
    page.wait_for_url("**/roadmap/")
    action_link = page.locator('main a[href^="/roadmap/actions/"]').first
    action_title = action_link.inner_text().strip()
    action_link.click()
    page.wait_for_url("**/roadmap/actions/*/")
    assert page.locator("h1").inner_text().strip() == action_title

    follow = page.locator("form.follow-form")
    assert "Follow this action" in follow.inner_text()
    follow.get_by_label("Email address").fill(EMAIL)
    follow.get_by_role("button", name="Follow").click()
    page.wait_for_url("**/updates/subscribe/check-your-inbox/")

    (confirmation,) = messages_to(EMAIL)
    page.goto(live_server.url + link_in(confirmation, "/updates/confirm/"))
    page.get_by_role("button", name="Confirm my subscription").click()
    page.wait_for_url("**/updates/manage/**")
    subscriber = Subscriber.objects.get(email=EMAIL)
    assert subscriber.status == Subscriber.Status.CONFIRMED
    (topic,) = subscriber.topics.all()
    assert topic.title == action_title

    # Staff send an update about that action; the follower gets it.
    update = services.draft_update_for(
        topic_keys=[topic.key],
        subject=f"Roadmap update: {action_title}",
        body_html="<p>The first partners' meeting was held.</p>",
        url=topic.url,
    )
    services.send_update(update=update)
    news = [m for m in messages_to(EMAIL) if m.subject == update.subject]
    assert len(news) == 1
    assert "first partners" in news[0].body
    assert link_in(news[0], "/updates/unsubscribe/")


def test_visitor_searches_kalundborg_and_reaches_the_exchange(
    live_server, desk, initiative_content
):
    page = desk
    page.goto(live_server.url + "/")
    page.get_by_role("search").get_by_label("Search the portal").fill("Kalundborg")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Kalundborg")
    results = page.locator("main")
    assert "Kalundborg" in results.inner_text()
    target = results.locator('a[href^="/exchange/"], a[href^="/partners/"]').first
    target.click()
    page.wait_for_load_state()
    assert urlparse(page.url).path.startswith(("/exchange/", "/partners/"))
    assert "Kalundborg" in page.locator("main").inner_text()


def test_token_pages_post_in_a_real_browser(live_server, desk, initiative_content, eager_celery):
    page = desk
    page.goto(live_server.url + "/updates/subscribe/")
    page.get_by_label("Email address").fill(EMAIL)
    page.locator("main input[name=topics]").first.check()
    page.locator("main").get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/check-your-inbox/")
    (confirmation,) = messages_to(EMAIL)
    page.goto(live_server.url + link_in(confirmation, "/updates/confirm/"))
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Confirm my subscription").click()
    assert navigation.value.status == 200
    assert Subscriber.objects.get(email=EMAIL).status == Subscriber.Status.CONFIRMED


def test_a_subscriber_moves_to_a_new_address(live_server, browser, eager_celery):
    """From the manage page to the new address, in a real browser; each page passes axe."""
    from tests.accessibility.test_axe import axe_violations

    topic = Topic.objects.create(key="section:roadmap", slug="roadmap", title="Roadmap")
    subscriber = Subscriber.objects.create(email=EMAIL, status=Subscriber.Status.CONFIRMED)
    subscriber.topics.set([topic])
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + subscriber.get_absolute_url())
        page.get_by_role("link", name="Change your address").click()
        page.wait_for_url("**/change-address/")
        page.get_by_label("New email address").fill("not an address")
        page.get_by_role("button", name="Email a link to the new address").click()
        assert page.title().startswith("Error:")
        problems = {"form with an error": axe_violations(page)}
        page.get_by_label("New email address").fill("moved@example.org")
        page.get_by_role("button", name="Email a link to the new address").click()
        page.wait_for_selector("text=Check the new address's inbox")
        problems["check your inbox"] = axe_violations(page)

        (link,) = messages_to("moved@example.org")
        page.goto(live_server.url + link_in(link, "/updates/change-address/"))
        problems["confirm"] = axe_violations(page)
        page.get_by_role("button", name="Confirm my new address").click()
        page.wait_for_url("**/updates/manage/**")
        assert "moved@example.org" in page.locator("main").inner_text()
        problems["manage"] = axe_violations(page)
        assert {name: found for name, found in problems.items() if found} == {}
        subscriber.refresh_from_db()
        assert subscriber.email == "moved@example.org"
        assert [m.subject for m in messages_to(EMAIL)] == [
            "Your Clean Industry email updates have moved to another address"
        ]
    finally:
        context.close()
