import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from pages.models import ContactMessage, Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    call_command("load_initiative_content", verbosity=0)


def test_home_page_links_to_every_section(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for url in ["/about/", "/exchange/", "/assessment/", "/roadmap/", "/updates/", "/contact/"]:
        assert f'href="{url}"' in html
    assert html.count("<h1") == 1
    assert 'href="#main"' in html  # skip link


def test_about_page_states_the_initiatives_facts(client, content):
    response = client.get("/about/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "22%" in html
    assert "2050" in html
    assert "Climate Emergency Workplan" in html
    assert 'href="#background"' in html  # "On this page" navigation
    assert html.count("<h1") == 1


def test_a_draft_page_is_not_public(client, content):
    Page.objects.filter(slug="about").update(status=Page.Status.DRAFT)
    assert client.get("/about/").status_code == 404


def test_contact_message_is_stored_and_staff_are_emailed(
    client, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["team@example.org"]
    data = {
        "name": "Ana",
        "email": "ana@example.org",
        "subject": "Question about the roadmap",
        "message": "When is the next update?",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pages:contact"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("pages:contact-thanks")
    message = ContactMessage.objects.get()
    assert (message.email, message.status) == ("ana@example.org", ContactMessage.Status.NEW)
    assert message.notified_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["team@example.org"]
    assert "When is the next update?" in mail.outbox[0].body


def test_invalid_contact_form_explains_and_keeps_what_was_typed(client):
    data = {"name": "Ana", "email": "not-an-address", "subject": "Hi", "message": "Kept text"}
    response = client.post(reverse("pages:contact"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the form name@example.com." in html
    assert 'href="#id_email"' in html  # the error summary links to the field
    assert "Kept text" in html and 'value="not-an-address"' in html
    assert "<title>Error: " in html
    assert ContactMessage.objects.count() == 0
    assert len(mail.outbox) == 0


def test_contact_subject_cannot_inject_headers(client, django_capture_on_commit_callbacks):
    data = {
        "name": "Eve",
        "email": "eve@example.org",
        "subject": "Hello\r\nBcc: victim@example.org",
        "message": "x",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pages:contact"), data)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == []
    assert "\n" not in mail.outbox[0].subject


# --- The home page: what is new -----------------------------------------------------------


def sent_update(subject, days_ago=0):
    from django.utils import timezone

    from subscriptions.models import Update

    return Update.objects.create(
        subject=subject,
        body_html="<p>Body.</p>",
        status=Update.Status.SENT,
        sent_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_the_home_page_shows_what_is_new_from_the_database(client):
    from publishing import changes
    from tests.assessment.factories import IndicatorFactory, SourceFactory
    from tests.exchange.factories import EventFactory, at
    from tests.roadmap.factories import ActionFactory, ProgressNoteFactory

    sent_update("An older update", days_ago=30)
    latest = sent_update("Council work session recap")
    planned = ActionFactory(title="Map industrial land", progress="planned")
    ActionFactory(title="Pilot a shared heat network", progress="in_progress")
    ProgressNoteFactory(action=planned, date=datetime.date(2025, 2, 3), progress="planned")
    changes.record_major_change(planned, notes={"en": "Target date moved to autumn."})
    today = datetime.date.today()
    EventFactory(title="Last year's session", date=today - datetime.timedelta(days=365))
    soon = EventFactory(
        title="Clean industry work session",
        starts_at=at(today + datetime.timedelta(days=9), datetime.time(18)),
        ends_at=None,
        all_day=False,
        venue="Portland City Hall",
    )
    EventFactory(title="Later session", date=today + datetime.timedelta(days=40))
    IndicatorFactory(
        slug="share-of-portland-jobs-in-industry",
        name="Share of Portland jobs in the industrial sector",
        value=22,
        approximate=True,
        source=SourceFactory(publisher="Portland Bureau of Planning", title="Jobs study"),
    )

    html = client.get("/").content.decode()

    updates = section(html, "updates-heading")
    assert updates.index("Council work session recap") < updates.index("An older update")
    assert f'href="{latest.get_absolute_url()}"' in updates
    assert f'<time datetime="{today:%Y-%m-%d}">' in updates
    changed = section(html, "changes-heading")
    assert "Map industrial land" in changed and "Target date moved to autumn." in changed
    assert f'href="{planned.get_absolute_url()}#change-' in changed
    roadmap = section(html, "roadmap-heading")
    assert "2 steps on the roadmap: 1 planned, 1 in progress." in roadmap
    assert "Map industrial land" in roadmap and '<time datetime="2025-02-03">' in roadmap
    assert "Pilot a shared heat network" not in roadmap  # no dated history yet
    event = section(html, "event-heading")
    assert "Clean industry work session" in event and "Portland City Hall" in event
    assert f'<time datetime="{soon.starts_at.isoformat()}">' in event  # Portland time
    assert "6 p.m." in event and "Pacific Time" in event
    assert "Later session" not in event and "Last year" not in event
    figure = section(html, "key-figure-heading")
    assert "about 22%" in figure and "Portland Bureau of Planning" in figure


def section(html, heading_id):
    """The <section> labelled by `heading_id`."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_the_home_page_says_plainly_when_there_is_nothing_yet(client):
    from tests.assessment.factories import IndicatorFactory

    # An unpublished key figure is no figure; a draft update is no update.
    IndicatorFactory(slug="share-of-portland-jobs-in-industry", status="draft")
    from subscriptions.models import Update

    Update.objects.create(subject="Draft update", status=Update.Status.DRAFT)
    html = client.get("/").content.decode()
    assert "No email updates have been sent yet" in section(html, "updates-heading")
    assert 'href="/updates/subscribe/"' in section(html, "updates-heading")
    assert "No changes have been announced" in section(html, "changes-heading")
    assert "once they are published" in section(html, "roadmap-heading")
    assert "No events scheduled." in section(html, "event-heading")
    assert "key-figure-heading" not in html and "22%" not in html and "12.5" not in html
    assert "Draft update" not in html


def test_the_home_page_shows_the_next_event_cancelled_or_moved_as_it_is(client):
    from tests.exchange.factories import EventFactory

    today = datetime.date.today()
    EventFactory(
        title="Cancelled session",
        date=today + datetime.timedelta(days=3),
        state="cancelled",
        state_note="The room is unavailable.",
    )
    event = section(client.get("/").content.decode(), "event-heading")
    assert "Cancelled session" in event and "This event is cancelled." in event
    assert "<del>" in event and "The room is unavailable." in event


def test_change_notes_of_items_the_public_cannot_see_stay_off_the_home_page(client):
    from publishing import changes
    from roadmap.models import Theme
    from tests.roadmap.factories import ActionFactory

    hidden = ActionFactory(title="Step under a draft theme")
    changes.record_major_change(hidden, notes={"en": "A note nobody should see yet."})
    Theme.objects.filter(pk=hidden.theme_id).update(status=Theme.Status.DRAFT)
    shown = ActionFactory(title="Public step")
    changes.record_major_change(shown, notes={"en": "A public note."})
    changed = section(client.get("/").content.decode(), "changes-heading")
    assert "A public note." in changed
    assert "nobody should see" not in changed


def test_the_home_page_in_spanish_marks_text_not_translated_yet(client):
    from tests.roadmap.factories import ActionFactory, ProgressNoteFactory

    action = ActionFactory(title="Map industrial land", title_es="")
    ProgressNoteFactory(action=action)
    html = client.get("/es/").content.decode()
    roadmap = section(html, "roadmap-heading")
    assert '<a href="/es/roadmap/' in roadmap
    assert 'lang="en">Map industrial land</a>' in roadmap
    assert "1 acción en la hoja de ruta: 1 planificada." in roadmap  # the roadmap's own words
