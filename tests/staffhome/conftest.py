import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import give_second_factor


@pytest.fixture
def sign_in(db, django_user_model):
    """A fresh client signed in as a new member of staff in `group` (None: a superuser), with the
    second factor the admin requires; its user is `client.user`."""

    def make(group: str | None, email: str | None = None) -> Client:
        email = email or f"{(group or 'admin').lower()}@example.org"
        user = django_user_model.objects.create_user(
            username=email, email=email, is_staff=True, is_superuser=group is None
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        give_second_factor(user)
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return make


@pytest.fixture
def editor(sign_in):
    return sign_in("Editors")


@pytest.fixture
def publisher(sign_in):
    return sign_in("Publishers")


@pytest.fixture
def superuser(sign_in):
    return sign_in(None)


def panel(response, key):
    """The panel `key` of a staff home response (None when the page has no such panel)."""
    return next((p for p in response.context["panels"] if p.key == key), None)
