import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.models import Group
from django.core.cache import cache

PASSWORD = "correct horse battery staple 42"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters and used TOTP codes live in the cache.
    cache.clear()
    yield
    cache.clear()


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


@pytest.fixture
def make_staff(django_user_model):
    """A staff account that has chosen its password; `mfa=True` also gives it an authenticator."""

    def make(email="editor@example.org", *, mfa=False, groups=(), **fields):
        user = django_user_model.objects.create_user(
            username=email, email=email, password=PASSWORD, is_staff=True, **fields
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        user.groups.add(*Group.objects.filter(name__in=groups))
        user.totp_secret = None
        if mfa:
            user.totp_secret = generate_totp_secret()
            TOTP.activate(user, user.totp_secret)
        return user

    return make
