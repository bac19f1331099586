"""Each owner of content due for review gets at most one reminder email a week, listing all of
theirs; tested with explicit times."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from publishing import review
from staffhome import reminders
from staffhome.models import ReviewReminder
from tests.assessment.factories import FindingFactory
from tests.roadmap.factories import ActionFactory

pytestmark = pytest.mark.django_db
PORTLAND = ZoneInfo("America/Los_Angeles")
MONDAY = datetime(2027, 3, 1, 9, 0, tzinfo=PORTLAND)


@pytest.fixture
def owners(django_user_model, settings):
    settings.CONTENT_REVIEW_DAYS = 90
    ana = django_user_model.objects.create_user("ana@example.org", "ana@example.org", is_staff=True)
    ben = django_user_model.objects.create_user("ben@example.org", "ben@example.org", is_staff=True)
    return ana, ben


def made(factory, *, days_before, **fields):
    obj = factory(**fields)
    type(obj).objects.filter(pk=obj.pk).update(created_at=MONDAY - timedelta(days=days_before))
    return obj


def test_each_owner_gets_one_reminder_listing_theirs_then_none_for_a_week(owners):
    ana, ben = owners
    made(ActionFactory, days_before=91, title="Train 200 welders", owner=ana)
    made(FindingFactory, days_before=200, title="Jobs in clean industry", owner=ana)
    made(ActionFactory, days_before=89, title="Not due yet", owner=ana)
    made(ActionFactory, days_before=120, title="Nobody's", owner=None)
    made(ActionFactory, days_before=95, title="Heat network map", owner=ben)

    assert reminders.send_review_reminders(now=MONDAY) == 2
    by_owner = {message.to[0]: message for message in mail.outbox}
    assert set(by_owner) == {"ana@example.org", "ben@example.org"}
    body = by_owner["ana@example.org"].body
    assert "Train 200 welders" in body and "Jobs in clean industry" in body
    assert "Not due yet" not in body and "Nobody's" not in body and "Heat network" not in body
    assert "/admin/roadmap/action/" in body and "/admin/assessment/finding/" in body
    assert "more than 90 days" in body
    assert by_owner["ana@example.org"].subject.endswith("2 items of yours are due for review")

    mail.outbox.clear()
    for later in [timedelta(hours=1), timedelta(days=1), timedelta(days=6, hours=23)]:
        assert reminders.send_review_reminders(now=MONDAY + later) == 0
    assert mail.outbox == []

    assert reminders.send_review_reminders(now=MONDAY + timedelta(days=7, minutes=1)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]
    assert ReviewReminder.objects.filter(owner=ana).count() == 2


def test_reviewed_content_is_no_longer_listed_and_an_owner_with_nothing_due_gets_nothing(owners):
    ana, ben = owners
    action = made(ActionFactory, days_before=100, owner=ana)
    review.mark_reviewed(action, user=ben, now=MONDAY - timedelta(days=1))
    made(ActionFactory, days_before=100, owner=ben, status="draft")  # drafts are not reviewed
    assert reminders.send_review_reminders(now=MONDAY) == 0
    assert mail.outbox == []
    assert not ReviewReminder.objects.exists()


def test_an_owner_who_left_or_has_no_address_is_not_emailed(owners):
    ana, ben = owners
    ana.is_active = False
    ana.save()
    ben.email = ""
    ben.save()
    made(ActionFactory, days_before=100, owner=ana)
    made(ActionFactory, days_before=100, owner=ben)
    assert reminders.send_review_reminders(now=MONDAY) == 0


def test_a_failed_send_records_nothing_and_the_next_run_tries_again(owners, monkeypatch):
    ana, ben = owners
    made(ActionFactory, days_before=100, owner=ana)
    made(ActionFactory, days_before=100, owner=ben)
    send_mail = reminders.send_mail

    def refuse_ana(**kwargs):
        if kwargs["recipient_list"] == [ana.email]:
            raise ConnectionRefusedError("mail server down")
        return send_mail(**kwargs)

    monkeypatch.setattr(reminders, "send_mail", refuse_ana)
    assert reminders.send_review_reminders(now=MONDAY) == 1  # Ben's still goes
    assert list(ReviewReminder.objects.values_list("owner", flat=True)) == [ben.pk]
    monkeypatch.undo()
    assert reminders.send_review_reminders(now=MONDAY + timedelta(hours=1)) == 1
    assert [m.to for m in mail.outbox] == [[ben.email], [ana.email]]


def test_the_beat_task_sends_them(owners, eager_tasks, settings):
    from staffhome import tasks

    ana, _ben = owners
    made(ActionFactory, days_before=400, owner=ana)
    assert tasks.send_review_reminders.delay().get() == 1
    assert mail.outbox[0].to == ["ana@example.org"]
    entry = settings.CELERY_BEAT_SCHEDULE["staffhome-review-reminders"]
    assert entry["task"] == "staffhome.tasks.send_review_reminders"
