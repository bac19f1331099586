"""Draft, scheduled, published: only published content is public; the beat task's service
publishes scheduled items when their time comes."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from assessment.models import Finding
from exchange.models import Trip
from pages.models import Page
from publishing import services as publishing
from publishing import tasks
from publishing.models import Publishable
from roadmap.models import Action
from tests.assessment.factories import FindingFactory
from tests.exchange.factories import TripFactory
from tests.roadmap.factories import ActionFactory

pytestmark = pytest.mark.django_db
Status = Publishable.Status
SOON = datetime.timedelta(hours=2)


@pytest.mark.parametrize(
    "factory", [TripFactory, FindingFactory, ActionFactory], ids=lambda f: f.__name__
)
def test_a_draft_or_scheduled_item_is_not_public(client, factory):
    draft = factory(status=Status.DRAFT)
    scheduled = factory(status=Status.SCHEDULED, publish_at=timezone.now() + SOON)
    for obj in (draft, scheduled):
        assert client.get(obj.get_absolute_url()).status_code == 404
        assert not type(obj).objects.published().filter(pk=obj.pk).exists()


def test_a_draft_page_is_not_public(client):
    Page.objects.create(title="About", slug="about", summary="x", status=Status.DRAFT)
    assert client.get("/about/").status_code == 404


@pytest.mark.parametrize(
    "factory", [TripFactory, FindingFactory, ActionFactory], ids=lambda f: f.__name__
)
def test_staff_preview_a_draft_at_its_public_url(client, admin_user, factory):
    obj = factory(status=Status.DRAFT)
    client.force_login(admin_user)
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()


@pytest.mark.parametrize(
    "factory", [TripFactory, FindingFactory, ActionFactory], ids=lambda f: f.__name__
)
def test_staff_without_a_second_factor_see_only_what_the_public_sees(
    client, django_user_model, factory
):
    obj = factory(status=Status.DRAFT)
    staff = django_user_model.objects.create_user("nomfa", "nomfa@example.org", is_staff=True)
    client.force_login(staff)
    assert client.get(obj.get_absolute_url()).status_code == 404


def test_a_scheduled_item_appears_on_time(client):
    now = timezone.now()
    trip = TripFactory(status=Status.SCHEDULED, publish_at=now + SOON)
    finding = FindingFactory(status=Status.SCHEDULED, publish_at=now + SOON)
    later = FindingFactory(status=Status.SCHEDULED, publish_at=now + 3 * SOON)

    assert publishing.publish_due(now=now + SOON - datetime.timedelta(seconds=1)) == 0
    assert client.get(trip.get_absolute_url()).status_code == 404

    assert publishing.publish_due(now=now + SOON) == 2
    for obj in (trip, finding, later):
        obj.refresh_from_db()
    assert trip.is_published and finding.is_published
    assert trip.published_at == trip.publish_at
    assert later.status == Status.SCHEDULED
    assert client.get(trip.get_absolute_url()).status_code == 200
    assert publishing.publish_due(now=now + SOON) == 0  # nothing is published twice


def test_the_beat_task_calls_the_service(settings):
    assert "publish-scheduled-content" in settings.CELERY_BEAT_SCHEDULE
    action = ActionFactory(
        status=Status.SCHEDULED, publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert tasks.publish_scheduled_content.apply().get() == 1
    assert Action.objects.published().filter(pk=action.pk).exists()


def test_scheduling_needs_a_time():
    trip = TripFactory.build(status=Status.SCHEDULED, publish_at=None)
    with pytest.raises(Exception, match="needs a time"):
        trip.clean()


def test_services_keep_a_revision_and_log_who_did_it(admin_user):
    import reversion

    trip = TripFactory(status=Status.DRAFT)
    publishing.schedule(trip, publish_at=timezone.now() + SOON, user=admin_user)
    publishing.publish(trip, user=admin_user)
    publishing.unpublish(trip, user=admin_user)
    messages = list(
        LogEntry.objects.filter(object_id=str(trip.pk)).values_list("change_message", flat=True)
    )
    assert messages == ["Returned to draft (unpublished).", "Published.", messages[2]]
    assert messages[2].startswith("Scheduled to publish at")
    assert reversion.models.Version.objects.get_for_object(trip).count() == 3
    assert Trip.objects.get(pk=trip.pk).status == Status.DRAFT


def test_published_queryset_is_the_one_definition_of_public():
    FindingFactory(status=Status.SCHEDULED, publish_at=timezone.now() - SOON)
    published = FindingFactory()
    assert list(Finding.objects.published()) == [published]


def test_staff_preview_a_draft_page(client, admin_user):
    Page.objects.create(title="About", slug="about", summary="x", status=Status.DRAFT)
    client.force_login(admin_user)
    response = client.get("/about/")
    assert response.status_code == 200 and "Draft preview" in response.content.decode()
