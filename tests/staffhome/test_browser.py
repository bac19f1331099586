"""The staff home and the admin grouped by task, in Debian's chromium: no axe violation (WCAG 2.0
and 2.1 A and AA, as for the public pages) at a desktop and a phone width, with every panel
filled; and a publisher publishes a draft with the home's button."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from pages.models import ContactMessage
from publishing import services as publishing
from publishing.models import Publishable
from roadmap.models import Action
from subscriptions.models import Delivery, Subscriber, Topic, Update
from tests.accessibility.test_axe import AXE, axe_violations
from tests.factories import give_second_factor
from tests.roadmap.factories import ActionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Status = Publishable.Status


@pytest.fixture
def every_panel(django_user_model):
    """Something in every panel of the home."""
    editor = django_user_model.objects.create_user(
        "ana@example.org", "ana@example.org", is_staff=True, first_name="Ana", last_name="Ruiz"
    )
    draft = ActionFactory(title="Train 200 welders", status=Status.DRAFT)
    publishing.log(editor, draft, "Changed summary.")
    ActionFactory(
        title="Open the hub", status=Status.SCHEDULED, publish_at=timezone.now() + timedelta(days=2)
    )
    stale = ActionFactory(title="Heat network map", owner=editor)
    Action.objects.filter(pk=stale.pk).update(created_at=timezone.now() - timedelta(days=200))
    ContactMessage.objects.create(
        name="Ben", email="ben@example.org", subject="Welding course dates", message="When?"
    )
    Update.objects.create(
        subject="Hub opening", status="scheduled", scheduled_at=timezone.now() + timedelta(days=1)
    )
    topic = Topic.objects.create(key="section:roadmap", slug="roadmap", title="Roadmap")
    sent = Update.objects.create(subject="March update", status="sent", sent_at=timezone.now())
    for n, status in enumerate(["sent", "sent", "failed"]):
        subscriber = Subscriber.objects.create(email=f"s{n}@example.org", status="confirmed")
        subscriber.topics.add(topic)
        Delivery.objects.create(update=sent, subscriber=subscriber, status=status)
    return draft


def staff_tab(browser, live_server, user, **context_options):
    give_second_factor(user)
    client = Client()
    client.force_login(user)
    # bypass_csp lets axe-core be injected; the pages keep their strict CSP otherwise.
    context = browser.new_context(bypass_csp=True, **context_options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, context.new_page()


def member(django_user_model, group):
    email = f"{(group or 'admin').lower()}@example.org"
    user = django_user_model.objects.create_user(
        email, email, is_staff=True, is_superuser=group is None
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.parametrize(
    ("role", "width", "height"),
    [("Publishers", 1280, 900), ("Editors", 375, 740), (None, 1280, 900), (None, 375, 740)],
    ids=["publisher-desktop", "editor-phone", "superuser-desktop", "superuser-phone"],
)
def test_the_staff_home_and_the_grouped_index_have_no_axe_violations(
    live_server, browser, every_panel, django_user_model, role, width, height
):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core)")
    user = member(django_user_model, role)
    context, page = staff_tab(
        browser, live_server, user, viewport={"width": width, "height": height}
    )
    try:
        response = page.goto(live_server.url + "/admin/")
        assert response.status == 200
        headings = page.locator(".staff-panel h2").all_inner_texts()
        assert any(h.startswith("Waiting to be published") for h in headings)
        assert page.locator("#group-content").is_visible()
        assert page.locator("#group-technical").count() == (1 if role is None else 0)
        assert axe_violations(page) == []
    finally:
        context.close()


def test_a_publisher_publishes_a_draft_from_the_home(
    live_server, browser, every_panel, django_user_model
):
    context, page = staff_tab(browser, live_server, member(django_user_model, "Publishers"))
    try:
        page.goto(live_server.url + "/admin/")
        waiting = page.locator("#waiting")
        assert "by Ana Ruiz" in waiting.inner_text()
        waiting.get_by_role("button", name="Publish “Train 200 welders”").click()
        page.wait_for_load_state()
        assert "“Train 200 welders” is published." in page.locator(".messagelist").inner_text()
        assert "Train 200 welders" not in page.locator("#waiting").inner_text()
        every_panel.refresh_from_db()
        assert every_panel.status == Status.PUBLISHED
        if AXE.exists():
            assert axe_violations(page) == []  # with the message shown
    finally:
        context.close()
