"""Following one roadmap action, and drafting email updates from the admin."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from roadmap import services
from roadmap.models import Action
from roadmap.services import follow_topic_key
from subscriptions.models import Subscriber, Topic, Update
from tests.assessment.factories import FindingFactory
from tests.roadmap.factories import ActionFactory, ProgressNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap_topic():
    return Topic.objects.create(
        key="section:roadmap", title="Roadmap", slug="roadmap", kind=Topic.Kind.SECTION
    )


TITLES = {"en": "Write the strategy", "es": "Escribir la estrategia"}


def test_a_published_action_gets_its_own_topic_titled_in_each_language(language):
    action = ActionFactory(title="Write the strategy", title_es="Escribir la estrategia")
    topic = Topic.objects.get(key=follow_topic_key(action))
    assert (topic.title, topic.url) == (action.title, action.get_absolute_url())
    assert getattr(topic, f"title_{language}") == TITLES[language]


def test_a_draft_action_has_no_topic():
    action = ActionFactory(status="draft")
    assert not Topic.objects.filter(key=follow_topic_key(action)).exists()


def test_renaming_an_action_keeps_its_followers():
    action = ActionFactory()
    topic = Topic.objects.get(key=follow_topic_key(action))
    action.title, action.slug = "A clearer title", "a-clearer-title"
    action.save()
    topic.refresh_from_db()
    assert topic.title == "A clearer title"
    assert topic.url == "/roadmap/actions/a-clearer-title/"
    assert Topic.objects.filter(kind=Topic.Kind.ACTION).count() == 1


def test_visitor_follows_an_action_from_its_page(client):
    action = ActionFactory()
    html = client.get(action.get_absolute_url()).content.decode()
    assert "Follow this action" in html
    form = re.search(r'<form[^>]*class="follow-form.*?</form>', html, re.S).group(0)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    assert fields["topics"] == follow_topic_key(action)

    response = client.post(
        reverse("subscriptions:subscribe"), {**fields, "email": "resident@example.org"}
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="resident@example.org")
    assert subscriber.status == Subscriber.Status.PENDING
    assert [t.key for t in subscriber.topics.all()] == [follow_topic_key(action)]
    assert subscriber.consent_source == action.get_absolute_url()


def test_publisher_drafts_an_update_for_an_actions_followers(admin_client, roadmap_topic):
    action = ActionFactory(summary="Conversations began.")
    ProgressNoteFactory(action=action, text="The first meeting was held.")
    response = admin_client.post(
        reverse("admin:roadmap_action_changelist"),
        {"action": "draft_update", "_selected_action": [action.pk]},
    )
    update = Update.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:subscriptions_update_change", args=[update.pk])
    assert update.status == Update.Status.DRAFT
    assert update.subject == f"Roadmap update: {action.title}"
    assert "The first meeting was held." in update.body_html
    assert sorted(t.key for t in update.topics.all()) == sorted(
        [follow_topic_key(action), "section:roadmap"]
    )


DRAFTED = {
    "en": (
        "Roadmap update: Write the strategy",
        (
            "<p>A strategy for the hub.</p>",
            "<strong>Status:</strong> In progress",
            "<strong>Timeframe:</strong> 2023",
            "Latest progress (9 June 2023)",
            "Draft ready.",
            f'href="{settings.SITE_URL}/roadmap/',
            "Read about this action on the roadmap",
        ),
    ),
    "es": (
        "Novedad de la hoja de ruta: Escribir la estrategia",
        (
            "<p>Una estrategia para el polo.</p>",
            "<strong>Estado:</strong> En curso",
            "<strong>Plazo:</strong> 2023",
            "Último avance (9 de junio de 2023)",
            "Borrador listo.",
            f'href="{settings.SITE_URL}/es/roadmap/',
            "Lea sobre esta acción en la hoja de ruta",
        ),
    ),
}


def test_the_draft_update_for_followers_is_written_in_each_language(language):
    action = ActionFactory(
        title="Write the strategy",
        title_es="Escribir la estrategia",
        summary="A strategy for the hub.",
        summary_es="Una estrategia para el polo.",
        progress=Action.Progress.IN_PROGRESS,
        timeframe="2023",
    )
    ProgressNoteFactory(
        action=action,
        date=datetime.date(2023, 6, 9),
        text="Draft ready.",
        text_es="Borrador listo.",
    )

    update = services.draft_update_for_followers(action=action)

    subject, texts = DRAFTED[language]
    assert getattr(update, f"subject_{language}") == subject
    body = getattr(update, f"body_html_{language}")
    for text in texts:
        assert text in body
    assert update.url == action.get_absolute_url()


def test_the_draft_update_is_the_same_whatever_language_is_active(language):
    action = ActionFactory(title="Write the strategy", title_es="Escribir la estrategia")
    with translation.override(language):
        update = services.draft_update_for_followers(action=action)
    assert update.subject_en == "Roadmap update: Write the strategy"
    assert update.subject_es == "Novedad de la hoja de ruta: Escribir la estrategia"
    assert update.url == action.get_absolute_url()  # the English address
    assert not update.url.startswith("/es/")


def test_the_draft_action_is_only_offered_to_staff_who_may_write_updates(client, django_user_model):
    from tests.factories import give_second_factor

    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    give_second_factor(editor)
    client.force_login(editor)
    ActionFactory()
    url = reverse("admin:roadmap_action_changelist")
    html = client.get(url).content.decode()
    assert "Draft an email update" not in html

    editor.user_permissions.add(Permission.objects.get(codename="add_update"))
    assert "Draft an email update" in client.get(url).content.decode()


def test_publisher_drafts_an_update_about_a_finding(admin_client):
    Topic.objects.create(
        key="section:assessment", title="Assessment", slug="assessment", kind=Topic.Kind.SECTION
    )
    finding = FindingFactory(summary="Industry provides many middle-wage jobs.")
    admin_client.post(
        reverse("admin:assessment_finding_changelist"),
        {"action": "draft_update", "_selected_action": [finding.pk]},
    )
    update = Update.objects.get()
    assert "middle-wage jobs" in update.body_html
    assert [t.key for t in update.topics.all()] == ["section:assessment"]
