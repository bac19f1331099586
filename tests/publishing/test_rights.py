"""One rule guards publishing and deleting, whatever the route: the change form, actions,
list edits, a revision restore, a recovery, code run for a person. An Editor (no publishing
right, no delete permission) drives each route here."""

import pytest
import reversion
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from reversion.models import Version

from assessment.models import Finding
from exchange.models import SiteVisit
from publishing import services as publishing
from publishing.admin_mixins import PublishableAdmin
from publishing.models import Publishable
from roadmap.models import Action, Theme
from tests.admin_forms import change_url, form_errors, submit
from tests.assessment.factories import FindingFactory, IndicatorFactory
from tests.exchange.factories import RecommendationFactory, SiteVisitFactory
from tests.roadmap.factories import ActionFactory, ThemeFactory

pytestmark = pytest.mark.django_db
Status = Publishable.Status

# (parent, its inline rows' factory, the inline's foreign key): each parent's revisions carry
# its inline rows, publishing state included.
FAMILIES = {
    "theme and actions": (ThemeFactory, ActionFactory, "theme"),
    "site visit and recommendations": (SiteVisitFactory, RecommendationFactory, "site_visit"),
    "finding and indicators": (FindingFactory, IndicatorFactory, "finding"),
}


def admin_url(obj, view: str, *args) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=args)


def save_revision(obj) -> Version:
    """Save `obj` as its admin would: one revision holding it and its inline rows."""
    with reversion.create_revision():
        obj.save()
    return Version.objects.get_for_object(obj).order_by("-pk").first()


def refreshed(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


@pytest.fixture(params=FAMILIES.values(), ids=FAMILIES.keys())
def family(request):
    return request.param


def test_an_editor_restore_does_not_republish_what_a_publisher_unpublished(editor_client, family):
    make_parent, make_child, parent_field = family
    parent = make_parent(status=Status.PUBLISHED)
    child = make_child(**{parent_field: parent}, status=Status.PUBLISHED)
    version = save_revision(parent)  # the child was published then ...
    assert Version.objects.get_for_object(child).exists(), "the revision follows its inline rows"
    publishing.unpublish(child)  # ... and a publisher has since unpublished it
    type(parent).objects.filter(pk=parent.pk).update(status=Status.DRAFT)

    response = submit(editor_client, admin_url(parent, "revision", parent.pk, version.pk))

    assert response.status_code == 302, form_errors(response)
    assert refreshed(child).status == Status.DRAFT
    assert refreshed(parent).status == Status.DRAFT


def test_an_editor_restore_never_deletes_rows_added_since(editor_client, family):
    make_parent, make_child, parent_field = family
    parent = make_parent(status=Status.PUBLISHED)
    version = save_revision(parent)
    parent_text = refreshed(parent).title
    type(parent).objects.filter(pk=parent.pk).update(title_en="Edited since")
    added = make_child(**{parent_field: parent}, status=Status.PUBLISHED)

    url = admin_url(parent, "revision", parent.pk, version.pk)
    response = submit(editor_client, url)

    assert response.status_code == 302
    assert type(added).objects.filter(pk=added.pk, status=Status.PUBLISHED).exists()
    assert refreshed(parent).title == "Edited since", "a refused restore changes nothing"
    assert parent_text != "Edited since"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("This version was not restored: Only someone who may delete")


def test_a_superuser_restore_does_delete_rows_added_since(admin_client):
    theme = ThemeFactory()
    version = save_revision(theme)
    added = ActionFactory(theme=theme)
    response = submit(admin_client, admin_url(theme, "revision", theme.pk, version.pk))
    assert response.status_code == 302, form_errors(response)
    assert not Action.objects.filter(pk=added.pk).exists()


def test_an_editor_recovers_a_deleted_published_row_as_a_draft(editor_client):
    action = ActionFactory(status=Status.PUBLISHED)
    version = save_revision(action)
    Action.objects.filter(pk=action.pk).delete()  # by a superuser, say

    response = submit(editor_client, reverse("admin:roadmap_action_recover", args=[version.pk]))

    assert response.status_code == 302, form_errors(response)
    recovered = Action.objects.get(pk=action.pk)
    assert recovered.status == Status.DRAFT
    assert recovered.title == action.title


def test_a_publisher_recovery_brings_back_the_publishing_state(publisher_client):
    action = ActionFactory(status=Status.PUBLISHED)
    version = save_revision(action)
    Action.objects.filter(pk=action.pk).delete()
    response = submit(publisher_client, reverse("admin:roadmap_action_recover", args=[version.pk]))
    assert response.status_code == 302, form_errors(response)
    assert Action.objects.get(pk=action.pk).status == Status.PUBLISHED


def test_a_publisher_restore_brings_back_inline_publishing_states(publisher_client):
    theme = ThemeFactory()
    action = ActionFactory(theme=theme, status=Status.PUBLISHED)
    version = save_revision(theme)
    publishing.unpublish(action)
    response = submit(publisher_client, admin_url(theme, "revision", theme.pk, version.pk))
    assert response.status_code == 302, form_errors(response)
    assert refreshed(action).status == Status.PUBLISHED


class StatusListAdmin(PublishableAdmin):
    """An admin that lists status as editable, as a later change to an admin might."""

    list_display = ["title", "status"]
    list_editable = ["status"]


def test_a_list_edit_by_an_editor_cannot_publish(editor_client):
    site = admin.AdminSite(name="list_edit_test")
    model_admin = StatusListAdmin(SiteVisit, site)
    visit = SiteVisitFactory(status=Status.DRAFT)
    request = RequestFactory().post(
        "/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(visit.pk),
            "form-0-status": Status.PUBLISHED,
            "_save": "Save",
        },
    )
    request.user = editor_client.user
    request._dont_enforce_csrf_checks = True
    with pytest.raises(publishing.NotPermitted), publishing.acting_as(request.user):
        model_admin.changelist_view(request)
    assert refreshed(visit).status == Status.DRAFT


def test_an_editor_cannot_delete_by_any_route(editor_client):
    theme = ThemeFactory()
    with publishing.acting_as(editor_client.user):
        # Each refusal breaks its transaction, as in a request it would end it.
        with pytest.raises(publishing.NotPermitted), transaction.atomic():
            theme.delete()
        with pytest.raises(publishing.NotPermitted), transaction.atomic():
            Theme.objects.filter(pk=theme.pk).delete()
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_code_run_for_an_editor_cannot_publish_but_the_system_can(editor_client):
    finding = FindingFactory(status=Status.DRAFT)
    with pytest.raises(publishing.NotPermitted), publishing.acting_as(editor_client.user):
        publishing.publish(finding)
    assert refreshed(finding).status == Status.DRAFT
    publishing.publish(finding)  # nobody acting: the scheduled-publishing task, a command
    assert refreshed(finding).status == Status.PUBLISHED


def test_an_editor_edit_through_the_form_keeps_the_state_and_logs_no_publishing(editor_client):
    finding = FindingFactory(status=Status.PUBLISHED)
    response = submit(editor_client, change_url(finding), title_en="Retitled", status="draft")
    assert response.status_code == 302, form_errors(response)
    finding = Finding.objects.get(pk=finding.pk)
    assert (finding.title, finding.status) == ("Retitled", Status.PUBLISHED)
    assert not LogEntry.objects.filter(change_message__startswith="Returned to draft").exists()
