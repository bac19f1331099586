"""An administrator invites staff; the emailed link sets a password; no password until then."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    def invite(email, *groups):
        args = [arg for group in groups for arg in ["--group", group]]
        with django_capture_on_commit_callbacks(execute=True):
            call_command("invite_staff", email, *args, stdout=io.StringIO())
        return get_user_model().objects.get(email=email.lower())

    return invite


def test_an_invitation_creates_a_staff_account_without_a_password(invite):
    user = invite("New.Editor@example.org", "Editors")
    assert user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.editor@example.org"]
    assert "two-factor" in mail.outbox[0].body


def test_the_emailed_link_sets_the_password_once(client, invite):
    invite("publisher@example.org", "Publishers")
    link = re.search(r"https?://\S+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)[1]

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert get_user_model().objects.get().check_password(PASSWORD)
    # Used once, the link is dead.
    assert client.get(link, follow=True).context["token_fail"] is True

    login = {"login": "publisher@example.org", "password": PASSWORD}
    assert client.post("/accounts/login/", login)["Location"] == "/admin/"
    # Signed in, but the admin waits for a second factor.
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


def test_an_unknown_group_is_refused(invite):
    with pytest.raises(CommandError):
        invite("someone@example.org", "Admins")
    assert not get_user_model().objects.exists()
