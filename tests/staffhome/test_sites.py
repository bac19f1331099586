"""The staff home at /admin/: panels of what needs doing, each with its full list, and its
buttons (Publish, Mark answered, Mark reviewed), which check the right and call the service."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from django.utils import timezone

from pages import services as contact_inbox
from pages.models import ContactMessage
from publishing import services as publishing
from publishing.models import Publishable
from roadmap.models import Action
from subscriptions.models import Delivery, Subscriber, Topic, Update
from tests.admin_forms import form_errors, submit
from tests.assessment.factories import FindingFactory, ReportFactory
from tests.roadmap.factories import ActionFactory, ThemeFactory
from tests.staffhome.conftest import panel

pytestmark = pytest.mark.django_db
Status = Publishable.Status
HOME = "/admin/"


def publish_url(obj):
    return reverse(
        "admin:staffhome_publish", args=[obj._meta.app_label, obj._meta.model_name, obj.pk]
    )


def reviewed_url(obj):
    return reverse(
        "admin:staffhome_reviewed", args=[obj._meta.app_label, obj._meta.model_name, obj.pk]
    )


def titles(response, key):
    return [str(row["object"]) for row in panel(response, key).rows]


# --- Waiting to be published ------------------------------------------------------------------


def test_an_editors_draft_action_shows_on_a_publishers_home_and_is_published_from_there(
    editor, publisher
):
    theme = ThemeFactory(title="Workforce")
    response = submit(
        editor,
        reverse("admin:roadmap_action_add"),
        theme=theme.pk,
        title_en="Train 200 welders",
        slug="train-200-welders",
        summary_en="A training programme.",
        progress=Action.Progress.PLANNED,
        order=0,
    )
    assert response.status_code == 302, form_errors(response)
    action = Action.objects.get(slug="train-200-welders")
    assert action.status == Status.DRAFT

    home = publisher.get(HOME)
    waiting = panel(home, "waiting")
    assert titles(home, "waiting") == ["Train 200 welders"]
    row = waiting.rows[0]
    assert row["last_editor"] == "editors@example.org"  # who edited it last
    assert row["publish_url"] == publish_url(action)
    assert publish_url(action) in home.content.decode()  # the button's form

    response = publisher.post(publish_url(action), follow=True)
    assert response.redirect_chain == [(HOME, 302)]
    action.refresh_from_db()
    assert action.status == Status.PUBLISHED
    entry = LogEntry.objects.filter(object_id=str(action.pk)).latest("action_time")
    assert entry.user == publisher.user and entry.change_message == "Published."
    assert titles(response, "waiting") == []
    assert "is published" in response.content.decode()


def test_an_editor_sees_the_drafts_without_a_publish_button_and_a_forged_post_is_refused(editor):
    action = ActionFactory(title="Map the heat network", status=Status.DRAFT)
    home = editor.get(HOME)
    assert titles(home, "waiting") == ["Map the heat network"]
    assert panel(home, "waiting").rows[0]["publish_url"] == ""
    assert "/admin/home/publish/" not in home.content.decode()
    assert publish_url(action) not in home.content.decode()

    assert editor.post(publish_url(action)).status_code == 403
    action.refresh_from_db()
    assert action.status == Status.DRAFT


def test_the_publish_button_takes_posts_only_with_a_csrf_token(sign_in):
    from django.test import Client

    action = ActionFactory(status=Status.DRAFT)
    publisher = sign_in("Publishers")
    assert publisher.get(publish_url(action)).status_code == 405
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(publisher.user)
    assert checked.post(publish_url(action)).status_code == 403
    action.refresh_from_db()
    assert action.status == Status.DRAFT


def test_publish_refuses_rows_that_are_not_content(publisher):
    url = reverse("admin:staffhome_publish", args=["auth", "user", publisher.user.pk])
    assert publisher.post(url).status_code == 404
    url = reverse("admin:staffhome_publish", args=["roadmap", "action", 999999])
    assert publisher.post(url).status_code == 404


def test_publishing_from_the_home_keeps_the_models_rules(publisher):
    # A report's PDF goes public only with an HTML version or a review of its accessibility.
    report = ReportFactory(title="Full report", document="reports/full.pdf", status=Status.DRAFT)
    response = publisher.post(publish_url(report), follow=True)
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert "Full report" in [str(row["object"]) for row in panel(response, "waiting").rows]


def test_drafts_newest_first_at_most_five_with_the_full_lists_counted(publisher, editor):
    now = timezone.now()
    for n in range(7):
        action = ActionFactory(title=f"Action draft {n}", status=Status.DRAFT)
        Action.objects.filter(pk=action.pk).update(updated_at=now - timedelta(hours=n))
        publishing.log(editor.user, action, "Changed title.")
    publishing.log(publisher.user, action, "Changed summary.")  # the last one: edited since
    FindingFactory(title="A finding draft", status=Status.DRAFT)
    ActionFactory(title="Public action")
    home = publisher.get(HOME)
    assert titles(home, "waiting") == [
        "A finding draft",
        "Action draft 0",
        "Action draft 1",
        "Action draft 2",
        "Action draft 3",
    ]
    waiting = panel(home, "waiting")
    assert [row["last_editor"] for row in waiting.rows] == [""] + ["editors@example.org"] * 4
    assert waiting.count == 8
    from publishing import queues

    assert queues.last_editors([action]) == {
        ("roadmap.action", str(action.pk)): "publishers@example.org"
    }
    links = {link.text: link.url for link in waiting.more}
    assert links["Actions (7)"] == "/admin/roadmap/action/?status__exact=draft"
    assert links["Findings (1)"] == "/admin/assessment/finding/?status__exact=draft"


# --- Scheduled --------------------------------------------------------------------------------


def test_scheduled_content_and_email_updates_show_with_their_times(publisher):
    soon = timezone.now() + timedelta(days=1)
    later = timezone.now() + timedelta(days=3)
    action = ActionFactory(title="Open the hub", status=Status.SCHEDULED, publish_at=later)
    update = Update.objects.create(
        subject="Hub opening next week", status=Update.Status.SCHEDULED, scheduled_at=soon
    )
    Update.objects.create(subject="A draft update")
    home = publisher.get(HOME)
    scheduled = panel(home, "scheduled")
    assert [(str(row["object"]), row["when"]) for row in scheduled.rows] == [
        ("Hub opening next week", soon),
        ("Open the hub", later),
    ]
    html = home.content.decode()
    local = timezone.localtime(soon)
    assert f'<time datetime="{local.isoformat()}"' in html
    assert reverse("admin:subscriptions_update_change", args=[update.pk]) in html
    assert reverse("admin:roadmap_action_change", args=[action.pk]) in html
    links = {link.text: link.url for link in scheduled.more}
    assert links["Email updates (1)"] == "/admin/subscriptions/update/?status__exact=scheduled"
    assert links["Actions (1)"] == "/admin/roadmap/action/?status__exact=scheduled"


# --- Contact messages -------------------------------------------------------------------------


def test_an_unanswered_contact_message_shows_until_marked_answered(publisher):
    contact = contact_inbox.receive_contact_message(
        name="Ana", email="ana@example.org", subject="Welding course dates", message="When?"
    )
    ContactMessage.objects.create(
        name="Ben", email="b@example.org", subject="Old question", message="?", status="answered"
    )
    home = publisher.get(HOME)
    assert [row["object"].subject for row in panel(home, "contact").rows] == [
        "Welding course dates"
    ]
    url = reverse("admin:staffhome_answered", args=[contact.pk])
    assert url in home.content.decode()

    response = publisher.post(url, follow=True)
    assert panel(response, "contact").rows == []
    contact.refresh_from_db()
    assert contact.status == ContactMessage.Status.ANSWERED
    assert contact.answered_by == publisher.user
    assert timezone.now() - contact.answered_at < timedelta(minutes=1)


def test_editors_answer_the_contact_inbox_too(editor):
    contact = ContactMessage.objects.create(
        name="A", email="a@example.org", subject="S", message="M"
    )
    assert panel(editor.get(HOME), "contact") is not None
    editor.post(reverse("admin:staffhome_answered", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.status == ContactMessage.Status.ANSWERED


def test_answering_in_the_contact_messages_list_records_who_and_when(publisher):
    contact = ContactMessage.objects.create(
        name="A", email="a@example.org", subject="S", message="M"
    )
    changelist = reverse("admin:pages_contactmessage_changelist")
    response = publisher.post(
        changelist,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(contact.pk),
            "form-0-status": "answered",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.status, contact.answered_by) == ("answered", publisher.user)
    assert contact.answered_at is not None


def test_staff_without_the_right_cannot_mark_a_message_answered(sign_in, django_user_model):
    contact = ContactMessage.objects.create(
        name="A", email="a@example.org", subject="S", message="M"
    )
    nobody = sign_in("Editors", email="nobody@example.org")
    nobody.user.groups.clear()
    assert nobody.post(reverse("admin:staffhome_answered", args=[contact.pk])).status_code == 403
    contact.refresh_from_db()
    assert contact.status == ContactMessage.Status.NEW


# --- Review due -------------------------------------------------------------------------------


def age(obj, days):
    type(obj).objects.filter(pk=obj.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_an_action_not_reviewed_for_longer_than_the_setting_is_due(publisher, settings):
    settings.CONTENT_REVIEW_DAYS = 30
    stale = ActionFactory(title="Stale action", owner=publisher.user)
    age(stale, 31)
    fresh = ActionFactory(title="Fresh action")
    age(fresh, 29)
    reviewed = ActionFactory(title="Reviewed action", reviewed_at=timezone.now())
    age(reviewed, 400)
    draft = ActionFactory(title="Old draft", status=Status.DRAFT)
    age(draft, 400)
    finding = FindingFactory(title="Stale finding")
    age(finding, 45)

    home = publisher.get(HOME)
    review = panel(home, "review")
    assert titles(home, "review") == ["Stale finding", "Stale action"]  # longest first
    assert review.count == 2
    assert "publishers@example.org" in home.content.decode()  # the owner
    assert "more than 30 days" in home.content.decode()
    links = {link.text: link.url for link in review.more}
    assert links["Actions (1)"] == "/admin/roadmap/action/?review=due"

    response = publisher.post(reviewed_url(stale), follow=True)
    assert titles(response, "review") == ["Stale finding"]
    stale.refresh_from_db()
    assert stale.reviewed_by == publisher.user
    assert timezone.now() - stale.reviewed_at < timedelta(minutes=1)
    entry = LogEntry.objects.get(object_id=str(stale.pk), action_flag=CHANGE)
    assert entry.change_message == "Marked reviewed." and entry.user == publisher.user


def test_an_editor_marks_content_reviewed_and_cannot_touch_other_models(editor):
    action = ActionFactory()
    age(action, 100)
    assert editor.post(reviewed_url(action)).status_code == 302
    action.refresh_from_db()
    assert action.reviewed_by == editor.user
    theme = ThemeFactory()  # not reviewable
    assert editor.post(reviewed_url(theme)).status_code == 404
    assert editor.get(reviewed_url(action)).status_code == 405


# --- Recent sends and subscribers -------------------------------------------------------------


def test_recent_sends_count_deliveries_by_every_status_and_subscribers_per_topic(publisher):
    topic = Topic.objects.create(key="section:roadmap", slug="roadmap", title="Roadmap")
    Topic.objects.create(key="section:other", slug="other", title="Quiet topic")
    update = Update.objects.create(
        subject="March update", status=Update.Status.SENT, sent_at=timezone.now()
    )
    statuses = ["sent"] * 3 + ["failed"] + ["bounced"] * 2  # "bounced": a status added later
    for n, status in enumerate(statuses):
        subscriber = Subscriber.objects.create(email=f"s{n}@example.org", status="confirmed")
        subscriber.topics.add(topic)
        Delivery.objects.create(update=update, subscriber=subscriber, status=status)
    Subscriber.objects.create(email="pending@example.org").topics.add(topic)  # not counted

    home = publisher.get(HOME)
    sends = panel(home, "sends")
    assert [row["send"].update for row in sends.rows] == [update]
    assert sends.rows[0]["send"].counts == [
        ("sent", "Sent", 3),
        ("failed", "Failed", 1),
        ("bounced", "bounced", 2),
    ]
    assert [(t.title, t.subscriber_count) for t in sends.extra["topics"]] == [
        ("Roadmap", 6),
        ("Quiet topic", 0),
    ]
    html = home.content.decode()
    assert "Failed: 1" in html and "bounced: 2" in html


def test_editors_see_sends_they_may_read(editor):
    assert panel(editor.get(HOME), "sends") is not None


# --- My recent edits --------------------------------------------------------------------------


def test_my_recent_edits_are_mine_only(publisher, editor):
    mine, theirs = ActionFactory(title="Mine"), ActionFactory(title="Theirs")
    publishing.log(publisher.user, mine, "Changed summary.")
    publishing.log(editor.user, theirs, "Changed title.")
    home = publisher.get(HOME)
    assert [entry.object_repr for entry in panel(home, "my-edits").rows] == ["Mine"]
    links = {link.text: link.url for link in panel(home, "my-edits").more}
    assert links["All my changes"] == f"/admin/admin/logentry/?user__id__exact={publisher.user.pk}"
    assert "Audit log" not in {link.text for link in panel(editor.get(HOME), "my-edits").more}


def test_the_home_is_for_staff_only(client):
    response = client.get(HOME)
    assert response.status_code == 302 and "/login/" in response["Location"]
