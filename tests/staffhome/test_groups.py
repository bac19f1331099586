"""The rest of the admin grouped by task, in the order staff think in; technical records for
superusers only; everyone else sees what they may change; new models never vanish."""

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission

from staffhome import groups

pytestmark = pytest.mark.django_db
HOME = "/admin/"
TECHNICAL_URLS = [
    "/admin/mfa/authenticator/",
    "/admin/account/emailaddress/",
    "/admin/subscriptions/delivery/",
    "/admin/admin/logentry/",
]


def shown(response) -> dict[str, list[str]]:
    """{group name: ["App: Model", ...]} as the home lists them."""
    return {
        str(group.name): [
            f"{app['name']}: {model['name']}" for app in group.apps for model in app["models"]
        ]
        for group in response.context["task_groups"]
    }


def test_an_editors_home_lists_no_technical_model_and_only_what_they_may_change(editor):
    response = editor.get(HOME)
    listed = shown(response)
    assert list(listed) == ["Content"]  # email updates and people: read-only or not theirs
    assert listed["Content"][:3] == [
        "Knowledge exchange: Trips",
        "Knowledge exchange: Site visits",
        "Knowledge exchange: Recommendations",
    ]
    apps = [name.split(":")[0] for name in listed["Content"]]
    assert list(dict.fromkeys(apps)) == [
        "Knowledge exchange",
        "Clean Industry Assessment",
        "Roadmap",
        "Site",
        "Images",
        "Publishing",  # its change notes
    ]
    assert "Site: Contact messages" in listed["Content"]
    html = response.content.decode()
    for url in [*TECHNICAL_URLS, "/admin/auth/user/", "/admin/subscriptions/subscriber/"]:
        assert f'href="{url}"' not in html, url
    # Every model listed is one the editor may change.
    for group in response.context["task_groups"]:
        for app in group.apps:
            for model in app["models"]:
                assert model["perms"]["change"], model["name"]


def test_a_publisher_also_sees_email_updates(publisher):
    listed = shown(publisher.get(HOME))
    assert list(listed) == ["Content", "Email updates"]
    assert listed["Email updates"] == ["Email updates: Updates", "Email updates: Suppressions"]


def test_a_superuser_sees_every_group_in_task_order_and_the_technical_records_last(superuser):
    response = superuser.get(HOME)
    listed = shown(response)
    assert list(listed) == [
        "Content",
        "Email updates",
        "People and access",
        "Technical records (administrators only)",
    ]
    assert listed["Email updates"] == [
        "Email updates: Updates",
        "Email updates: Topics",
        "Email updates: Subscribers",
        "Email updates: Suppressions",
    ]
    assert listed["People and access"][:2] == [
        "Authentication and Authorization: Users",
        "Authentication and Authorization: Groups",
    ]
    technical = listed["Technical records (administrators only)"]
    for name in ["Deliveries", "Authenticators", "Email addresses", "Log entries"]:
        assert any(entry.endswith(f": {name}") for entry in technical), name
    html = response.content.decode()
    for url in TECHNICAL_URLS:
        assert f'href="{url}"' in html


def test_the_sidebar_of_every_admin_page_follows_the_same_order(editor):
    response = editor.get("/admin/roadmap/action/")
    names = [str(app["name"]) for app in response.context["available_apps"]]
    assert names == [
        "Knowledge exchange", "Clean Industry Assessment", "Roadmap", "Site", "Images", "Publishing"
    ]  # fmt: skip


def test_an_apps_own_page_lists_what_the_person_may_read_but_no_technical_record(editor):
    response = editor.get("/admin/subscriptions/")
    assert response.status_code == 200
    models = [str(model["name"]) for model in response.context["app_list"][0]["models"]]
    # No Deliveries, no Owed emails, no Tracking events.
    assert models == ["Updates", "Topics", "Subscribers", "Suppressions"]
    assert editor.get("/admin/mfa/").status_code == 404


def test_a_model_staff_are_given_shows_in_its_apps_group(sign_in):
    member = sign_in("Editors", email="lead@example.org")
    group = AuthGroup.objects.create(name="Team leads")
    group.permissions.add(Permission.objects.get(codename="change_user"))
    member.user.groups.add(group)
    listed = shown(member.get(HOME))
    assert listed["People and access"] == ["Authentication and Authorization: Users"]


# --- Models and apps the grouping does not name ------------------------------------------------


class FakeMeta:
    def __init__(self, label):
        self.label_lower = label


class FakeModel:
    def __init__(self, label):
        self._meta = FakeMeta(label)


def app(label, *names, name=None):
    return {
        "name": name or label.capitalize(),
        "app_label": label,
        "app_url": f"/admin/{label}/",
        "models": [
            {
                "model": FakeModel(f"{label}.{n.lower()}"),
                "object_name": n,
                "name": n,
                "perms": {"add": True, "change": True, "view": True},
            }
            for n in names
        ],
    }


class Staff:
    is_superuser = False


def test_new_apps_and_models_land_in_a_group_rather_than_vanish():
    result = groups.grouped(
        [
            app("roadmap", "Milestone", "Action"),
            app("newsletter", "Poster"),
            app("subscriptions", "Suppression"),
        ],
        Staff(),
    )
    listed = {
        str(g.name): [(a["app_label"], [m["name"] for m in a["models"]]) for a in g.apps]
        for g in result
    }
    assert listed == {
        "Content": [("roadmap", ["Action", "Milestone"])],  # a new model: after the known ones
        "Email updates": [("subscriptions", ["Suppression"])],
        "Other": [("newsletter", ["Poster"])],  # a new app
    }


def test_in_the_sidebar_each_app_shows_once_its_technical_records_included(superuser):
    response = superuser.get("/admin/roadmap/action/")
    apps = response.context["available_apps"]
    labels = [app["app_label"] for app in apps]
    assert len(labels) == len(set(labels))
    email = next(app for app in apps if app["app_label"] == "subscriptions")
    assert [str(m["name"]) for m in email["models"]][:3] == ["Updates", "Topics", "Subscribers"]
    assert "Deliveries" in [str(m["name"]) for m in email["models"]]
