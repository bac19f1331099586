"""Databases from before two of the exchange's data migrations keep their rows, right.

- The translated columns (exchange 0004): organisations loaded by the English-only loader keep
  their country; the column's default ("United States") must not become the English or the
  Spanish of a Danish partner.
- Dated and timed events (exchange 0005): an event's day becomes a date-only event in
  Portland's time, and an event with no date still has none.

One trip back through the migrations and forward again serves both: with the content columns
in eleven languages, each trip costs the suite about a minute.
"""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from exchange.content import ORGANISATIONS
from exchange.models import Event, Organisation
from tests.migrations import migrate_to
from tests.pages.test_content_spanish import missing_spanish

BEFORE_TRANSLATED_COLUMNS = [("exchange", "0003_publishing_schedule_trip_image")]
BEFORE_DATED_EVENTS = [("exchange", "0004_translated_fields")]


@pytest.mark.django_db(transaction=True)
def test_organisations_keep_their_country_and_events_their_day():
    old = migrate_to(BEFORE_TRANSLATED_COLUMNS)
    OldOrganisation = old.get_model("exchange", "Organisation")
    for order, values in enumerate(ORGANISATIONS, start=1):  # the English-only loader's rows
        english = {k: v for k, v in values.items() if not k.endswith("_es")}
        OldOrganisation.objects.create(status="published", order=order, **english)

    old = migrate_to(BEFORE_DATED_EVENTS)
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

    # Organisations: the loader then adds the Spanish, and the countries are theirs.
    out = StringIO()
    call_command("load_initiative_content", stdout=out)
    assert "added Spanish to exchange.Organisation slug=kalundborg-symbiosis" in out.getvalue()
    countries = {
        org.slug: (org.country, org.country_en, org.country_es)
        for org in Organisation.objects.all()
    }
    assert countries["kalundborg-symbiosis"] == ("Denmark", "Denmark", "Dinamarca")
    assert countries["city-of-portland"] == ("United States", "United States", "Estados Unidos")
    assert countries["csi"][:2] == ("", "") and not countries["csi"][2]
    # (the two events below were made without Spanish, as they would have been then)
    assert [row for row in missing_spanish() if row.startswith("exchange.Organisation")] == []

    # Events: a day is a date-only event in Portland's time; no day stays none.
    event = Event.objects.get(pk=dated.pk)
    portland = ZoneInfo("America/Los_Angeles")
    assert event.all_day
    assert event.starts_at == datetime.datetime(2023, 1, 10, tzinfo=portland)
    assert event.ends_at == datetime.datetime(2023, 1, 11, tzinfo=portland)
    assert (event.title, event.state, event.sequence) == ("Briefing", "as_planned", 0)
    assert Event.objects.get(pk=undated.pk).starts_at is None
