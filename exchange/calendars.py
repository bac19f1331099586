"""The events as iCalendar (RFC 5545): a feed of them all (/events.ics), one file per event.

Calendar apps that subscribe to the feed (Google, Apple, Outlook) match what they hold by UID
and keep the copy with the highest SEQUENCE, so each event's UID never changes (it is made
from the primary key and the site's host, not from anything staff edit) and its sequence grows
with every change of time, place or state (Event.count_schedule_change). Times are written in
UTC, which every calendar app reads and shows in its user's zone; a date-only event is a
whole-day event. A cancelled event stays in the feed with STATUS:CANCELLED, so that apps take
it off their calendars; an event without a date on record is left out (a calendar needs a
start). The words are in the page's language (/es/events.ics is in Spanish).
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext, pgettext
from icalendar import Calendar, vDuration
from icalendar import Event as CalendarEvent

from publishing.sanitize import html_to_text

PRODUCT_ID = "-//Clean Industry Portal//Events//EN"
# How often a subscribed app should look again (RFC 7986, and the older name some apps read).
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def uid(event) -> str:
    return f"event-{event.pk}@{urlsplit(settings.SITE_URL).hostname}"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def long_date(day) -> str:
    """A day as the pages write it, in the active language: "10 January 2023"."""
    return formats.date_format(
        day, pgettext("date format: day, month name, year (Django date filter)", "j F Y")
    )


def accommodation_text(event) -> str:
    """The accommodation and interpretation request line, as plain text (the event page says
    the same in its template)."""
    contact = event.accommodation_contact or gettext(
        "us at %(phone)s or through the contact form (%(url)s)"
    ) % {"phone": settings.LANGUAGE_ACCESS_PHONE, "url": absolute(reverse("pages:contact"))}
    if event.accommodation_deadline:
        return gettext(
            "To ask for an ADA accommodation, translation or interpretation, free of charge, "
            "contact %(contact)s by %(deadline)s."
        ) % {"contact": contact, "deadline": long_date(event.accommodation_deadline)}
    return gettext(
        "To ask for an ADA accommodation, translation or interpretation, free of charge, "
        "contact %(contact)s as early as you can."
    ) % {"contact": contact}


def description(event) -> str:
    parts = [event.summary]
    if event.state_note and (event.is_cancelled or event.is_moved):
        parts.append(event.state_note)
    if event.body:
        parts.append(html_to_text(event.body))
    if event.online_url:
        parts.append(gettext("Online: %(url)s") % {"url": event.online_url})
    if not event.is_cancelled:
        parts.append(accommodation_text(event))
    parts.append(absolute(event.get_absolute_url()))
    return "\n\n".join(part.strip() for part in parts if part.strip())


def calendar_event(event) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", uid(event))
    entry.add("sequence", event.sequence)
    # DTSTAMP is when the event's information last changed: its last save. Not the time of
    # the request, so the file stays the same from one edit to the next (cached, with an ETag).
    entry.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    entry.add("created", event.created_at.astimezone(datetime.UTC))
    entry.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    if event.all_day:
        entry.add("dtstart", event.first_day)
        entry.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        entry.add("dtstart", event.starts_at.astimezone(datetime.UTC))
        if event.ends_at:
            entry.add("dtend", event.ends_at.astimezone(datetime.UTC))
    title = event.title
    if event.is_cancelled:
        # Some apps keep a cancelled event shown: its title says so too.
        title = gettext("Cancelled: %(title)s") % {"title": title}
    entry.add("summary", title)
    entry.add("description", description(event))
    if location := event.venue or event.online_url:
        entry.add("location", location)
    entry.add("url", absolute(event.get_absolute_url()))
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    entry.add("class", "PUBLIC")
    return entry


def calendar(events, *, name: str) -> bytes:
    """`events` (dated, published) as one iCalendar object."""
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    for event in events:
        if event.is_dated:
            cal.add_component(calendar_event(event))
    return cal.to_ical()


def feed_name() -> str:
    return gettext("Clean Industry Portland: events and meetings")
