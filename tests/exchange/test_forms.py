"""Staff enter an event's days and times of day in Portland time (exchange/forms.py); the event
is stored as aware datetimes, date-only when no time is given."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from exchange.models import Event

from .factories import EventFactory, at

pytestmark = pytest.mark.django_db
PORTLAND = ZoneInfo("America/Los_Angeles")
ADD = reverse("admin:exchange_event_add")


def post(client, url=ADD, **fields):
    data = {
        "title_en": "Council work session",
        "slug": "council-work-session",
        "kind": Event.Kind.WORK_SESSION,
        "summary_en": "Findings of the exchange.",
        "state": Event.State.AS_PLANNED,
        "status": "draft",
        "documents-TOTAL_FORMS": 0,
        "documents-INITIAL_FORMS": 0,
    }
    return client.post(url, data | fields)


def errors(response) -> dict:
    assert response.status_code == 200, "the form was accepted"
    form = response.context["adminform"].form
    return {field: list(messages) for field, messages in form.errors.items()}


def test_a_date_without_a_time_is_a_date_only_event(publisher_client):
    assert post(publisher_client, start_date="2030-01-10").status_code == 302

    event = Event.objects.get()
    assert event.all_day
    assert event.starts_at == datetime.datetime(2030, 1, 10, tzinfo=PORTLAND)
    assert event.ends_at == datetime.datetime(2030, 1, 11, tzinfo=PORTLAND)
    assert event.first_day == event.last_day == datetime.date(2030, 1, 10)


def test_times_are_portland_time_summer_or_winter(publisher_client):
    response = post(publisher_client, start_date="2030-07-10", start_time="18:00", end_time="19:30")
    assert response.status_code == 302

    event = Event.objects.get()
    assert not event.all_day
    assert event.starts_at == datetime.datetime(2030, 7, 11, 1, tzinfo=datetime.UTC)  # PDT
    assert event.ends_at == datetime.datetime(2030, 7, 11, 2, 30, tzinfo=datetime.UTC)


def test_several_days(publisher_client):
    assert post(publisher_client, start_date="2030-01-10", end_date="2030-01-12").status_code == (
        302
    )
    event = Event.objects.get()
    assert (event.first_day, event.last_day) == (
        datetime.date(2030, 1, 10),
        datetime.date(2030, 1, 12),
    )


def test_no_date_is_no_date_on_record(publisher_client):
    assert post(publisher_client).status_code == 302
    event = Event.objects.get()
    assert event.starts_at is None and event.ends_at is None and not event.is_dated


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_time": "18:00"}, "start_date"),
        ({"start_date": "2030-01-10", "end_time": "19:00"}, "start_time"),
        ({"start_date": "2030-01-10", "end_date": "2030-01-09"}, "end_date"),
        ({"start_date": "2030-01-10", "start_time": "18:00", "end_time": "17:00"}, "end_time"),
    ],
    ids=["time-without-date", "end-without-start-time", "last-day-first", "ends-before-start"],
)
def test_impossible_times_are_refused_on_their_field(publisher_client, fields, field):
    assert field in errors(post(publisher_client, **fields))
    assert not Event.objects.exists()


def test_the_change_form_shows_the_days_and_times_it_was_given(publisher_client):
    event = EventFactory(
        starts_at=at(datetime.date(2030, 1, 10), datetime.time(18)),
        ends_at=at(datetime.date(2030, 1, 10), datetime.time(19, 30)),
        all_day=False,
    )
    url = reverse("admin:exchange_event_change", args=[event.pk])
    form = publisher_client.get(url).context["adminform"].form
    assert form.initial["start_date"] == datetime.date(2030, 1, 10)
    assert form.initial["start_time"] == datetime.time(18)
    assert form.initial["end_time"] == datetime.time(19, 30)
    assert "end_date" not in form.initial


def test_moving_an_event_keeps_the_date_it_had(publisher_client):
    event = EventFactory(date=datetime.date(2030, 1, 10), slug="council-work-session")
    url = reverse("admin:exchange_event_change", args=[event.pk])

    refused = post(publisher_client, url, start_date="2030-01-17", state=Event.State.MOVED)
    assert errors(refused)["__all__"] == ["Say why the event moved, in a short note."]

    response = post(
        publisher_client,
        url,
        start_date="2030-01-17",
        state=Event.State.MOVED,
        state_note_en="The chamber is being repaired.",
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.first_day == datetime.date(2030, 1, 17)
    assert event.moved_from == at(datetime.date(2030, 1, 10))
    assert event.sequence == 1
