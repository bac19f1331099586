"""The contact form's defences: a honeypot and a per-IP rate limit. Spam stores nothing."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from pages.models import ContactMessage
from tests.languages import localised

pytestmark = pytest.mark.django_db

MESSAGE = {
    "name": "Ana",
    "email": "ana@example.org",
    "subject": "Question",
    "message": "When is the next update?",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def post(client, ip="203.0.113.5", language="en", **data):
    url = localised(reverse("pages:contact"), language)
    return client.post(url, {**MESSAGE, **data}, REMOTE_ADDR=ip)


def test_the_honeypot_is_hidden_from_people(client):
    html = client.get(reverse("pages:contact")).content.decode()
    assert '<div class="d-none" aria-hidden="true"><label for="id_website">' in html
    assert 'name="website" id="id_website" value=""' in html


LOOKED_AUTOMATED = {
    "en": "was not sent because it looked automated",
    "es": "Su mensaje no se envió porque parecía automatizado.",
}


def test_a_filled_honeypot_stores_nothing_and_says_so(
    client, django_capture_on_commit_callbacks, language
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, language=language, website="http://spam.example")
    html = response.content.decode()
    assert response.status_code == 200
    assert LOOKED_AUTOMATED[language] in html
    assert 'value="http://spam.example"' not in html  # a person's retry goes through
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_many_messages_from_one_address_get_429_and_are_not_stored(client):
    for _ in range(5):
        assert post(client).status_code == 302
    response = post(client, message="A sixth message")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Your message was not sent" in html
    assert "A sixth message" in html  # kept, to send later
    assert ContactMessage.objects.count() == 5
    # Another address is not affected.
    assert post(client, ip="198.51.100.7").status_code == 302


def test_invalid_messages_do_not_use_up_the_limit(client):
    for _ in range(8):
        assert post(client, email="not-an-address").status_code == 200
    assert post(client).status_code == 302
    assert ContactMessage.objects.count() == 1
