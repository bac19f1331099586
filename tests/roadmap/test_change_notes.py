"""A major change to an action, with its note: on the action's page, in its feed and the
roadmap's, and in its followers' inbox (an editor's as a draft for a publisher, a publisher's
sent); a minor change shows nowhere."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from publishing.models import ChangeNote
from roadmap.services import follow_topic_key
from subscriptions.models import Subscriber, Topic, Update
from tests.admin_forms import change_url, form_errors, submit
from tests.assessment.factories import FindingFactory
from tests.roadmap.factories import ActionFactory

pytestmark = pytest.mark.django_db
NOTE = "The strategy will now be published in spring 2027."


@pytest.fixture(autouse=True)
def _site(settings, eager_tasks):
    settings.SITE_URL = "https://portal.example.org"


@pytest.fixture
def action():
    Topic.objects.create(
        key="section:roadmap", slug="roadmap", title="Roadmap", kind=Topic.Kind.SECTION
    )
    return ActionFactory(title="Hub strategy")


@pytest.fixture
def follower(action):
    subscriber = Subscriber.objects.create(
        email="resident@example.org", status=Subscriber.Status.CONFIRMED
    )
    subscriber.topics.set([Topic.objects.get(key=follow_topic_key(action))])
    return subscriber


def feed(key) -> str:
    topic = Topic.objects.get(key=key)
    return Client().get(reverse("subscriptions:topic-feed", args=[topic.slug])).content.decode()


def major_change(client, obj, capture, **extra):
    with capture(execute=True):
        response = submit(
            client, change_url(obj), change_kind="major", change_note_en=NOTE, **extra
        )
    assert response.status_code == 302, form_errors(response)
    return response


def test_an_editors_major_change_shows_on_the_page_and_feeds_and_drafts_an_email(
    editor_client, action, follower, django_capture_on_commit_callbacks
):
    form = editor_client.get(change_url(action)).context["adminform"].form
    assert "email_followers" in form.fields

    major_change(editor_client, action, django_capture_on_commit_callbacks, email_followers="on")

    page = Client().get(action.get_absolute_url()).content.decode()
    assert NOTE in page and "Last updated" in page
    for key in (follow_topic_key(action), "section:roadmap"):
        text = feed(key)
        assert "Updated: Hub strategy" in text and NOTE in text
        note = ChangeNote.objects.get()
        assert f"{action.get_absolute_url()}#change-{note.pk}" in text
    # An editor cannot send: the email waits, drafted, for a publisher.
    update = Update.objects.get()
    assert update.status == Update.Status.DRAFT
    assert update.created_by == editor_client.user
    assert NOTE in update.body_html and action.get_absolute_url() in update.body_html
    assert {t.key for t in update.topics.all()} == {follow_topic_key(action), "section:roadmap"}
    assert mail.outbox == []


def test_a_publishers_major_change_reaches_the_followers_inbox(
    publisher_client, action, follower, django_capture_on_commit_callbacks
):
    major_change(publisher_client, action, django_capture_on_commit_callbacks, email_followers="on")

    [message] = mail.outbox
    assert message.to == ["resident@example.org"]
    assert message.subject == "Updated: Hub strategy"
    assert NOTE in message.body
    assert "https://portal.example.org" + action.get_absolute_url() in message.body
    assert Update.objects.get().status == Update.Status.SENT


def test_a_major_change_emails_nobody_unless_asked(
    publisher_client, action, follower, django_capture_on_commit_callbacks
):
    major_change(publisher_client, action, django_capture_on_commit_callbacks)
    assert NOTE in feed(follow_topic_key(action))
    assert not Update.objects.exists() and mail.outbox == []


def test_a_minor_change_shows_nothing_anywhere(
    publisher_client, action, follower, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(publisher_client, change_url(action), summary_en="Fixed a typo.")
    assert response.status_code == 302, form_errors(response)

    page = Client().get(action.get_absolute_url()).content.decode()
    assert "Fixed a typo." in page
    assert "Last updated" not in page and "See all updates" not in page
    assert "Updated:" not in feed(follow_topic_key(action))
    assert not ChangeNote.objects.exists() and not Update.objects.exists()
    assert mail.outbox == []


def test_a_minor_change_cannot_email_the_followers(publisher_client, action):
    response = submit(publisher_client, change_url(action), email_followers="on")
    assert response.status_code == 200
    assert "Only a major change is emailed" in str(form_errors(response))


def test_a_finding_change_reaches_the_assessments_feed_not_a_drafts_action(
    publisher_client, django_capture_on_commit_callbacks
):
    Topic.objects.create(
        key="section:assessment", slug="assessment", title="Assessment", kind=Topic.Kind.SECTION
    )
    finding = FindingFactory(title="Middle-wage jobs")
    hidden = FindingFactory(status="draft")
    ChangeNote.objects.create(content_object=hidden, text_en="Not public.")

    major_change(publisher_client, finding, django_capture_on_commit_callbacks)

    text = feed("section:assessment")
    assert "Updated: Middle-wage jobs" in text and NOTE in text
    assert "Not public." not in text
    assert NOTE not in Client().get(reverse("roadmap:index")).content.decode()
