"""Rights are enforced by the admin, not only hidden; every save keeps a revision that can
be compared and restored; the audit log shows who did what."""

import pytest
from django.contrib.admin.models import LogEntry
from django.forms.models import model_to_dict
from django.urls import reverse
from reversion.models import Version

from exchange.models import Event
from pages.models import Page
from publishing import services as publishing
from publishing.models import Publishable
from tests.exchange.factories import EventFactory

pytestmark = pytest.mark.django_db
Status = Publishable.Status


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def form_data(event, **changes):
    data = {k: v for k, v in model_to_dict(event).items() if v is not None}
    data["trips"] = [t.pk for t in data.get("trips", [])]
    # The event's agenda and materials (an inline), and its day as the form asks for it.
    data.update({"documents-TOTAL_FORMS": 0, "documents-INITIAL_FORMS": 0})
    if event.starts_at:
        data["start_date"] = event.first_day
    data.update(changes)
    return data


def test_an_editor_cannot_publish_by_saving_the_form(editor_client):
    event = EventFactory(status=Status.DRAFT, title="Council session")
    response = editor_client.get(change_url(event))
    assert response.context["adminform"].form.fields["status"].disabled
    assert response.context["adminform"].form.fields["publish_at"].disabled

    response = editor_client.post(
        change_url(event), form_data(event, title_en="Council work session", status="published")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Council work session"  # the edit is kept ...
    assert event.status == Status.DRAFT  # ... the publishing is not


def test_the_server_refuses_an_editor_status_change_that_gets_past_the_form(rf, editor_client):
    from django.contrib import admin

    event = EventFactory(status=Status.DRAFT)
    model_admin = admin.site.get_model_admin(Event)
    request = rf.post("/")
    request.user = editor_client.user
    event.status = Status.PUBLISHED
    # As every request does (publishing.ActingUserMiddleware): its saves are its user's.
    with pytest.raises(Exception, match="Only a publisher"), publishing.acting_as(request.user):
        model_admin.save_model(request, event, form=None, change=True)
    assert Event.objects.get(pk=event.pk).status == Status.DRAFT


def test_an_editor_is_not_offered_and_cannot_run_the_publish_actions(editor_client):
    event = EventFactory(status=Status.DRAFT)
    changelist = reverse("admin:exchange_event_changelist")
    action_form = editor_client.get(changelist).context["action_form"]
    actions = dict(action_form.fields["action"].choices) if action_form else {}
    assert "publish" not in actions and "unpublish" not in actions
    editor_client.post(changelist, {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == Status.DRAFT


def test_a_publisher_publishes_with_the_action_and_it_is_logged(publisher_client):
    event = EventFactory(status=Status.DRAFT)
    changelist = reverse("admin:exchange_event_changelist")
    publisher_client.post(changelist, {"action": "publish", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED
    entry = LogEntry.objects.get(object_id=str(event.pk))
    assert entry.user == publisher_client.user and entry.change_message == "Published."


def test_a_publisher_schedules_through_the_form(publisher_client):
    event = EventFactory(status=Status.DRAFT)
    response = publisher_client.post(
        change_url(event),
        form_data(event, status="scheduled", publish_at_0="2030-01-02", publish_at_1="09:00"),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Status.SCHEDULED and event.publish_at.year == 2030
    messages = LogEntry.objects.values_list("change_message", flat=True)
    assert any(m.startswith("Scheduled to publish at 2030-01-02") for m in messages)


def test_a_restore_brings_back_the_old_text(publisher_client):
    page = Page.objects.create(title="About", slug="about", summary="The first words.")
    url = change_url(page)
    data = {
        "title_en": "About",
        "slug": "about",
        "summary_en": "The first words.",
        "status": "draft",
        "sections-TOTAL_FORMS": 0,
        "sections-INITIAL_FORMS": 0,
    }
    assert publisher_client.post(url, data).status_code == 302
    assert publisher_client.post(url, {**data, "summary_en": "Newer words."}).status_code == 302
    page.refresh_from_db()
    assert page.summary == "Newer words."

    versions = Version.objects.get_for_object(page).order_by("pk")
    assert versions.count() == 2
    first = versions[0]

    # Compare: a readable diff of the two versions.
    compare = publisher_client.get(
        url.replace("/change/", "/history/compare/"),
        {"version_id1": first.pk, "version_id2": versions[1].pk},
    )
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "first words" in html and "Newer words" in html

    # Restore: the revision's form, saved.
    revision_url = reverse("admin:pages_page_revision", args=[page.pk, first.pk])
    assert publisher_client.get(revision_url).status_code == 200
    assert publisher_client.post(revision_url, data).status_code == 302
    page.refresh_from_db()
    assert page.summary == "The first words."
    assert LogEntry.objects.filter(change_message__startswith="Restored the version").exists()


def test_an_editor_restore_never_publishes(editor_client):
    page = Page.objects.create(title="About", slug="about", summary="Old", status="published")
    version_data = {
        "title_en": "About",
        "slug": "about",
        "status": "published",
        "summary_en": "Old",
    }
    url = change_url(page)
    with_sections = {"sections-TOTAL_FORMS": 0, "sections-INITIAL_FORMS": 0}
    editor_client.post(url, {**version_data, **with_sections})  # a revision, while published
    Page.objects.filter(pk=page.pk).update(status=Status.DRAFT, summary="Changed")
    version = Version.objects.get_for_object(page).first()
    revision_url = reverse("admin:pages_page_revision", args=[page.pk, version.pk])
    editor_client.post(revision_url, {**version_data, **with_sections})
    page.refresh_from_db()
    assert page.summary == "Old" and page.status == Status.DRAFT


def test_the_audit_log_is_in_the_admin_read_only_with_filters(admin_client_mfa):
    EventFactory()
    url = reverse("admin:admin_logentry_changelist")
    response = admin_client_mfa.get(url)
    assert response.status_code == 200
    assert set(response.context["cl"].list_filter) >= {
        "action_time",
        "action_flag",
        "content_type",
        "user",
    }
    assert admin_client_mfa.get(reverse("admin:admin_logentry_add")).status_code == 403


@pytest.fixture
def admin_client_mfa(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_editor_assets_come_from_the_package_not_a_cdn(publisher_client):
    html = publisher_client.get(reverse("admin:exchange_event_add")).content.decode()
    assert "/static/django_prose_editor/editor.js" in html
    assert 'type="importmap" nonce="' in html  # an inline script, so it carries the CSP nonce
    assert "cdn" not in html.lower()
