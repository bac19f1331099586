import pytest
from django.contrib.auth.models import Group

from tests.factories import give_second_factor


@pytest.fixture
def staff_client(client, django_user_model):
    """A signed-in staff member of `group` who has set up a second factor, as the admin requires."""

    def make(group: str):
        user = django_user_model.objects.create_user(
            username=f"{group.lower()}@example.org",
            email=f"{group.lower()}@example.org",
            is_staff=True,
        )
        user.groups.add(Group.objects.get(name=group))
        give_second_factor(user)
        client.force_login(user)
        client.user = user
        return client

    return make


@pytest.fixture
def editor_client(staff_client):
    return staff_client("Editors")


@pytest.fixture
def publisher_client(staff_client):
    return staff_client("Publishers")
