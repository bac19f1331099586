"""Staff sign in by email through allauth, with a second factor before any admin page."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model

from tests.accounts.conftest import PASSWORD, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client, email, password=PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def test_the_admin_sends_visitors_to_the_allauth_sign_in(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert 'name="login"' in response.content.decode()
    # The admin's own username/password form is never shown.
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_staff_user_without_mfa_cannot_reach_any_admin_page(client, make_staff):
    client.force_login(make_staff())
    for url in ["/admin/", "/admin/pages/page/", "/admin/auth/user/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_a_member_of_the_public_signed_in_is_refused_the_admin(client, django_user_model):
    user = django_user_model.objects.create_user("someone", "someone@example.org", PASSWORD)
    client.force_login(user)
    assert client.get("/admin/login/").status_code == 403


def test_sign_in_then_set_up_mfa_then_the_admin_opens(client, make_staff):
    user = make_staff()
    response = sign_in(client, "Editor@Example.org")
    assert response.status_code == 302
    response = client.get("/admin/", follow=True)
    # Adding a second factor asks for the password again (allauth's reauthentication).
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    assert "Set up two-factor authentication" in response.content.decode()
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/2fa/totp/activate/"
    html = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code
    assert " style=" not in html and "<script>" not in html  # lives within the CSP

    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    codes_page = client.get(response["Location"]).content.decode()
    assert " style=" not in codes_page and "<script>" not in codes_page
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/admin/").status_code == 200


def test_a_second_factor_is_asked_at_every_sign_in(client, make_staff):
    user = make_staff(mfa=True)
    response = sign_in(client, user.email)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not signed in until the code is given

    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(user.totp_secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_repeated_failed_sign_ins_get_429(client, make_staff):
    make_staff()
    for _ in range(10):
        assert sign_in(client, "editor@example.org", "wrong").status_code == 200
    response = sign_in(client, "editor@example.org", "wrong")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_repeated_wrong_mfa_codes_get_429(client, make_staff):
    user = make_staff(mfa=True)
    sign_in(client, user.email)
    statuses = [
        client.post("/accounts/2fa/authenticate/", {"code": "000000"}).status_code
        for _ in range(11)
    ]
    assert statuses == [200] * 10 + [429]


def test_one_accounts_wrong_passwords_lock_it_whoever_asks(client, make_staff):
    make_staff()
    for _ in range(5):
        sign_in(client, "editor@example.org", "wrong")
    response = sign_in(client, "editor@example.org")  # the right password, too late
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_answers_do_not_reveal_whether_an_account_exists(client, make_staff):
    make_staff()
    wrong_password = sign_in(client, "editor@example.org", "wrong")
    unknown = sign_in(client, "nobody@example.org", "wrong")
    assert wrong_password.status_code == unknown.status_code == 200
    assert wrong_password.context["form"].errors == unknown.context["form"].errors


def test_nobody_can_sign_up(client):
    response = client.get("/accounts/signup/")
    assert "Sign Up Closed" in response.content.decode()
    client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert not get_user_model().objects.exists()
    assert "/accounts/signup/" not in client.get(LOGIN).content.decode()


def test_sign_in_errors_are_summarised_and_linked_to_their_fields(client):
    response = client.post(LOGIN, {"login": "", "password": ""})
    html = response.content.decode()
    assert 'role="alert" tabindex="-1" id="error-summary" autofocus' in html
    assert "There is a problem with your sign-in" in html
    assert '<a href="#id_login">' in html and '<a href="#id_password">' in html
    assert "<title>Error:" in html
