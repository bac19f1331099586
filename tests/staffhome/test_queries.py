"""The staff home runs a fixed number of queries whatever the amount of content: the same with
ten times the content, drafts, scheduled items, messages, sends and reviews (the project's rule
for public pages, tests/performance)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessment.models import Finding
from pages.models import ContactMessage
from publishing import services as publishing
from publishing.models import Publishable
from roadmap.models import Action
from subscriptions.models import Delivery, Subscriber, Topic, Update

pytestmark = pytest.mark.django_db
# One query per content model (its drafts and scheduled rows, publishing/queues.py), and a fixed
# number besides: the session and user, rights, each other panel's one or two queries.
OTHER_QUERIES = 16
Status = Publishable.Status


def fill(scale, owner):
    """`scale` times: example content, and something for every panel."""
    call_command("seed_demo_data", scale=scale, allow_production=True, stdout=StringIO())
    now = timezone.now()
    actions = list(Action.objects.order_by("pk"))
    findings = list(Finding.objects.order_by("pk"))
    count = Action.objects.count() + Finding.objects.count()
    for n in range(3 * scale):
        action, finding = actions[n % len(actions)], findings[n % len(findings)]
        Action.objects.filter(pk=action.pk).update(status=Status.DRAFT)
        Finding.objects.filter(pk=finding.pk).update(
            status=Status.SCHEDULED, publish_at=now + timedelta(days=n + 1)
        )
        LogEntry.objects.create(
            user=owner,
            content_type=ContentType.objects.get_for_model(Action),
            object_id=str(action.pk),
            object_repr=str(action),
            action_flag=CHANGE,
        )
        ContactMessage.objects.create(
            name=f"Visitor {n}", email="v@example.org", subject=f"Question {n}", message="?"
        )
    # Every published action and finding is due, half of them owned by this member of staff.
    for model in (Action, Finding):
        model.objects.update(created_at=now - timedelta(days=400))
        model.objects.filter(pk__in=[o.pk for o in actions[::2] + findings[::2]]).update(
            owner=owner
        )
    topic = Topic.objects.create(key=f"section:t{count}", slug=f"t{count}", title="Topic")
    for n in range(2 * scale):
        sent = Update.objects.create(subject=f"Sent {count}-{n}", status="sent", sent_at=now)
        Update.objects.create(
            subject=f"Later {count}-{n}", status="scheduled", scheduled_at=now + timedelta(days=1)
        )
        for m, status in enumerate(["sent", "sent", "failed", "queued"]):
            subscriber = Subscriber.objects.create(
                email=f"s{count}-{n}-{m}@example.org", status="confirmed"
            )
            subscriber.topics.add(topic)
            Delivery.objects.create(update=sent, subscriber=subscriber, status=status)


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize(
    "role", ["Publishers", "Editors", None], ids=["publisher", "editor", "superuser"]
)
def test_the_staff_home_runs_the_same_few_queries_with_ten_times_the_content(sign_in, role):
    client = sign_in(role)
    fill(1, client.user)
    before, response = count_queries(client)
    waiting = response.context["panels"][0].count
    assert {panel.key for panel in response.context["panels"]} >= {"waiting", "scheduled", "review"}
    assert all(
        panel.rows for panel in response.context["panels"] if panel.key != "my-edits" or role
    )
    fill(9, client.user)
    after, response = count_queries(client)
    assert after <= len(publishing.publishable_models()) + OTHER_QUERIES
    assert after == before
    assert response.context["panels"][0].count > waiting  # the panels did see the new rows
