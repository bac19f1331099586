"""Editors edit everything, Publishers also publish; neither deletes; the admin enforces it."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts import roles
from pages.models import Page
from publishing import services as publishing

pytestmark = pytest.mark.django_db


def test_the_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Publishers"}


def test_an_editor_cannot_publish_and_a_publisher_can(make_staff):
    editor = make_staff("editor@example.org", groups=["Editors"])
    publisher = make_staff("publisher@example.org", groups=["Publishers"])
    assert not publishing.can_publish(editor)
    assert publishing.can_publish(publisher)
    assert publisher.has_perm("admin.view_logentry")
    assert not editor.has_perm("admin.view_logentry")
    assert editor.has_perm("pages.change_page")
    assert editor.has_perm("pages.add_pagesection")


def test_both_roles_edit_every_content_model_and_delete_none(make_staff):
    editor = make_staff("editor@example.org", groups=["Editors"])
    publisher = make_staff("publisher@example.org", groups=["Publishers"])
    for model in roles.content_models():
        opts = model._meta
        for user in [editor, publisher]:
            assert user.has_perm(f"{opts.app_label}.change_{opts.model_name}"), opts.label
            assert not user.has_perm(f"{opts.app_label}.delete_{opts.model_name}"), opts.label


def test_sending_email_updates_is_for_publishers(make_staff):
    editor = make_staff("editor@example.org", groups=["Editors"])
    publisher = make_staff("publisher@example.org", groups=["Publishers"])
    assert editor.has_perm("subscriptions.view_update")
    assert not editor.has_perm("subscriptions.send_update")
    assert not editor.has_perm("subscriptions.change_update")
    assert publisher.has_perm("subscriptions.send_update")
    assert publisher.has_perm("subscriptions.change_update")


def test_sync_roles_restores_what_was_taken_away():
    editors = Group.objects.get(name="Editors")
    expected = set(editors.permissions.all())
    editors.permissions.clear()
    editors.permissions.add(Permission.objects.get(codename="delete_page"))
    roles.sync_roles()
    roles.sync_roles()
    assert set(editors.permissions.all()) == expected


def test_the_admin_enforces_the_roles(client, make_staff):
    page = Page.objects.create(title="About", slug="about-us", summary="x")
    client.force_login(make_staff(groups=["Editors"], mfa=True))
    url = f"/admin/pages/page/{page.pk}"
    assert client.get(f"{url}/change/").status_code == 200
    assert client.get(f"{url}/delete/").status_code == 403
    assert client.post(f"{url}/delete/", {"post": "yes"}).status_code == 403
    assert Page.objects.filter(pk=page.pk).exists()
    assert client.get("/admin/auth/user/").status_code == 403
