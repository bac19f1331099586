"""The events' calendars (RFC 5545), read back with the `icalendar` package as a calendar app
reads them: every published event with a date, a UID that survives edits, a SEQUENCE that grows
when the time, place or state changes, and cancelled events marked so."""

import datetime

import pytest
import reversion
from django.urls import reverse
from icalendar import Calendar
from reversion.models import Version

from exchange.models import Event
from publishing.models import Publishable

from .factories import EventFactory, at

pytestmark = pytest.mark.django_db
FEED = reverse("exchange:calendar")
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://portal.example.org"


@pytest.fixture
def session():
    """A work session on a known evening, with a place, a link and an agenda."""
    return EventFactory(
        title="Council work session",
        title_es="Sesión de trabajo del Concejo",
        slug="council-work-session",
        starts_at=at(datetime.date(2030, 1, 10), datetime.time(18)),
        ends_at=at(datetime.date(2030, 1, 10), datetime.time(20)),
        all_day=False,
        venue="City Hall, 1221 SW 4th Ave",
        online_url="https://example.org/watch",
        summary="Findings of the exchange.",
        accommodation_deadline=datetime.date(2030, 1, 6),
        accommodation_contact="cleanindustry@example.org",
    )


def read(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    # RFC 5545: lines end with CRLF and are folded at 75 octets.
    lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    return Calendar.from_ical(response.content)


def events(calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_every_published_event_with_a_date(client, session):
    past = EventFactory(title="Briefing", date=datetime.date(2023, 1, 10))
    EventFactory(title="Draft meeting", status=Publishable.Status.DRAFT)
    EventFactory(title="Work session", date=None)  # no date on record

    calendar = read(client, FEED)

    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    found = events(calendar)
    assert set(found) == {
        f"event-{session.pk}@portal.example.org",
        f"event-{past.pk}@portal.example.org",
    }
    entry = found[f"event-{session.pk}@portal.example.org"]
    # 6 p.m. in Portland in January is 02:00 the next day in UTC.
    assert entry.decoded("DTSTART") == datetime.datetime(2030, 1, 11, 2, tzinfo=UTC)
    assert entry.decoded("DTEND") == datetime.datetime(2030, 1, 11, 4, tzinfo=UTC)
    assert entry.decoded("DTSTAMP") == session.updated_at.astimezone(UTC).replace(microsecond=0)
    assert str(entry["SUMMARY"]) == "Council work session"
    assert str(entry["LOCATION"]) == "City Hall, 1221 SW 4th Ave"
    assert str(entry["URL"]) == "https://portal.example.org/events/council-work-session/"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert entry["SEQUENCE"] == 0
    description = str(entry["DESCRIPTION"])
    assert "Findings of the exchange." in description
    assert "Online: https://example.org/watch" in description
    assert "contact cleanindustry@example.org by 6 January 2030." in description


def test_a_date_only_event_is_a_whole_day(client):
    event = EventFactory(date=datetime.date(2023, 1, 10))

    entry = events(read(client, event.get_calendar_url()))[f"event-{event.pk}@portal.example.org"]

    assert entry.decoded("DTSTART") == datetime.date(2023, 1, 10)
    assert entry.decoded("DTEND") == datetime.date(2023, 1, 11)  # exclusive, as RFC 5545 says
    assert "DTSTART;VALUE=DATE:20230110" in entry.to_ical().decode()


def test_a_uid_stays_the_same_across_edits_and_the_sequence_counts_schedule_changes(
    client, session
):
    uid = f"event-{session.pk}@portal.example.org"
    session.title = "Council work session on clean industry"
    session.summary = "A new summary."
    session.save()
    assert events(read(client, FEED))[uid]["SEQUENCE"] == 0  # words only: nothing to redo

    session.starts_at += datetime.timedelta(days=7)
    session.ends_at += datetime.timedelta(days=7)
    session.save()
    entry = events(read(client, FEED))[uid]
    assert entry["SEQUENCE"] == 1
    assert entry.decoded("DTSTART") == datetime.datetime(2030, 1, 18, 2, tzinfo=UTC)

    session.venue_es = "Ayuntamiento"  # the place, in any language
    session.save()
    session.state = Event.State.CANCELLED
    session.save()
    entry = events(read(client, FEED))[uid]
    assert entry["SEQUENCE"] == 3
    assert str(entry["STATUS"]) == "CANCELLED"
    assert str(entry["SUMMARY"]) == "Cancelled: Council work session on clean industry"


def test_restoring_an_old_time_is_one_more_change_never_a_step_back(client, session):
    with reversion.create_revision():
        session.save()
    with reversion.create_revision():
        session.starts_at += datetime.timedelta(days=7)
        session.save()
    session.refresh_from_db()
    assert session.sequence == 1

    Version.objects.get_for_object(session).last().revision.revert()  # the first version

    session.refresh_from_db()
    assert session.starts_at == at(datetime.date(2030, 1, 10), datetime.time(18))
    assert session.sequence == 2


def test_an_edit_in_the_admin_keeps_the_uid(client, publisher_client, session):
    from tests.publishing.test_admin import change_url, form_data

    before = events(read(client, session.get_calendar_url()))
    response = publisher_client.post(
        change_url(session),
        form_data(
            session,
            title_en="Council work session, moved",
            start_date="2030-01-17",
            start_time="18:00",
            end_time="20:00",
            state=Event.State.MOVED,
            state_note_en="The chamber is being repaired.",
        ),
    )
    assert response.status_code == 302
    after = events(read(client, session.get_calendar_url()))

    assert list(after) == list(before)
    (entry,) = after.values()
    assert entry["SEQUENCE"] == 1
    assert entry.decoded("DTSTART") == datetime.datetime(2030, 1, 18, 2, tzinfo=UTC)
    assert "The chamber is being repaired." in str(entry["DESCRIPTION"])


def test_an_event_calendar_is_only_for_a_published_event_with_a_date(client):
    draft = EventFactory(status=Publishable.Status.DRAFT)
    undated = EventFactory(date=None)
    for event in (draft, undated):
        assert client.get(event.get_calendar_url()).status_code == 404
    assert client.get(reverse("exchange:event-calendar", args=["nothing"])).status_code == 404


def test_the_spanish_feed_is_in_spanish(client, session):
    calendar = read(client, "/es" + FEED)

    entry = events(calendar)[f"event-{session.pk}@portal.example.org"]
    assert str(entry["SUMMARY"]) == "Sesión de trabajo del Concejo"
    assert str(entry["URL"]) == "https://portal.example.org/es/events/council-work-session/"
