"""Every message the portal sends is named after the sending domain (core/mail.py), not after
the machine: staff notices and sign-in emails as well as the subscribers' (whose own tests are
in tests/subscriptions/test_emails.py)."""

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def message_id_domain(message) -> str:
    return message.message()["Message-ID"].rstrip(">").rpartition("@")[2]


def test_a_plain_django_email_is_named_after_the_sending_domain(settings):
    settings.DEFAULT_FROM_EMAIL = "Clean Industry Initiative <updates@portal.example.org>"
    mail.send_mail("Hello", "Text", None, ["someone@example.org"])
    assert message_id_domain(mail.outbox[0]) == "portal.example.org"
    settings.DEFAULT_FROM_EMAIL = "news@city.example.gov"
    mail.send_mail("Hello", "Text", None, ["someone@example.org"])
    assert message_id_domain(mail.outbox[1]) == "city.example.gov"


def test_the_staff_notice_of_a_contact_message_is_named_after_the_sending_domain(
    client, settings, django_capture_on_commit_callbacks
):
    settings.DEFAULT_FROM_EMAIL = "Clean Industry Initiative <updates@portal.example.org>"
    settings.STAFF_NOTIFICATION_EMAILS = ["team@example.org"]
    data = {"name": "Ana", "email": "ana@example.org", "subject": "Hi", "message": "A question."}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("pages:contact"), data).status_code == 302
    (notice,) = mail.outbox
    assert message_id_domain(notice) == "portal.example.org"
