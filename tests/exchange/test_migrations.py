"""Events became dated and timed (exchange 0005): a database from before keeps each event, its
day now a date-only event in Portland's time, and an event with no date still has none."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from exchange.models import Event
from tests.migrations import migrate_to

BEFORE = [("exchange", "0004_translated_fields")]


@pytest.mark.django_db(transaction=True)
def test_an_events_day_becomes_a_date_only_event_and_no_day_stays_none():
    old = migrate_to(BEFORE)
    OldEvent = old.get_model("exchange", "Event")
    dated = OldEvent.objects.create(
        title="Briefing", title_en="Briefing", slug="briefing", kind="meeting",
        summary="S", date=datetime.date(2023, 1, 10), status="published",
    )  # fmt: skip
    undated = OldEvent.objects.create(
        title="Work session", title_en="Work session", slug="work-session",
        kind="work_session", summary="S", status="published",
    )  # fmt: skip

    migrate_to()

    event = Event.objects.get(pk=dated.pk)
    portland = ZoneInfo("America/Los_Angeles")
    assert event.all_day
    assert event.starts_at == datetime.datetime(2023, 1, 10, tzinfo=portland)
    assert event.ends_at == datetime.datetime(2023, 1, 11, tzinfo=portland)
    assert (event.title, event.state, event.sequence) == ("Briefing", "as_planned", 0)
    assert Event.objects.get(pk=undated.pk).starts_at is None
