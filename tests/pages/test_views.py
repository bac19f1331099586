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
