"""Password reset: the same answer for any address, and a limit on how often it is asked."""

import re

import pytest
from django.core import mail

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"


def test_the_answer_is_the_same_whether_or_not_the_account_exists(client, make_staff):
    make_staff()
    known = client.post(RESET, {"email": "editor@example.org"})
    unknown = client.post(RESET, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"
    # Only the account's owner hears anything; an unknown address is sent nothing.
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]


@pytest.mark.parametrize("email", ["editor@example.org", "nobody@example.org"])
def test_repeated_reset_requests_get_429(client, make_staff, email):
    make_staff()
    statuses = [client.post(RESET, {"email": email}).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_errors_are_summarised_and_linked_to_their_fields(client, make_staff):
    make_staff()
    client.post(RESET, {"email": "editor@example.org"})
    (message,) = mail.outbox
    key_url = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body)[1]
    form_url = client.get(key_url)["Location"]  # allauth keeps the key in the session
    html = client.post(
        form_url, {"password1": PASSWORD, "password2": PASSWORD + "!"}
    ).content.decode()
    assert 'role="alert" tabindex="-1" id="error-summary" autofocus' in html
    assert "There is a problem with this form" in html
    assert '<a href="#id_password2">' in html
    assert "<title>Error:" in html
    # A form with no errors shows no summary.
    assert "error-summary" not in client.get(RESET).content.decode()
