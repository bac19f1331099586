"""Major and minor changes, GOV.UK's way: a minor change shows nowhere; a major change carries
a dated public note that the page lists under "See all updates" and dates "Last updated" by.
One rule for every content page (publishing.changes and the admin's ChangeNoteForm)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils import translation

from publishing import changes
from publishing.models import ChangeNote, Publishable
from tests.admin_forms import change_url, form_errors, submit
from tests.exchange.factories import EventFactory, TripFactory
from tests.publishing.test_rights import admin_url, save_revision

pytestmark = pytest.mark.django_db
Status = Publishable.Status


def page_of(obj, language="") -> str:
    with translation.override("en"):
        url = obj.get_absolute_url()
    return Client().get(f"{language}{url}").content.decode()


def test_a_minor_change_shows_nowhere(editor_client):
    trip = TripFactory(title="Study tour")
    response = submit(editor_client, change_url(trip), title_en="Study tour of Denmark")
    assert response.status_code == 302, form_errors(response)

    assert not ChangeNote.objects.exists()
    html = page_of(trip)
    assert "Study tour of Denmark" in html
    assert "Published" in html
    assert "Last updated" not in html and "See all updates" not in html


def test_a_major_change_is_dated_and_listed_on_the_page(editor_client):
    trip = TripFactory(title="Study tour")
    response = submit(
        editor_client,
        change_url(trip),
        summary_en="The delegation also visited Aalborg.",
        change_kind="major",
        change_note_en="Added the visit to Aalborg.",
    )
    assert response.status_code == 302, form_errors(response)

    note = ChangeNote.objects.get()
    assert note.content_object == trip and note.created_by == editor_client.user
    html = page_of(trip)
    assert "Last updated" in html
    assert '<a href="#page-history">See all updates</a>' in html
    assert 'id="page-history"' in html and "Added the visit to Aalborg." in html
    assert "First published." in html
    messages = LogEntry.objects.filter(object_id=str(trip.pk)).values_list("change_message")
    assert ("Major change: Added the visit to Aalborg.",) in messages


def test_a_major_change_needs_an_english_note(editor_client):
    trip = TripFactory()
    response = submit(editor_client, change_url(trip), change_kind="major", change_note_es="Algo")
    assert response.status_code == 200
    assert "A major change needs a note for readers, in English." in str(form_errors(response))
    assert not ChangeNote.objects.exists()


def test_a_note_without_choosing_major_is_refused_rather_than_lost(editor_client):
    trip = TripFactory()
    response = submit(editor_client, change_url(trip), change_note_en="Fixed the dates.")
    assert response.status_code == 200
    assert "choose “Major change” to publish it" in str(form_errors(response))


def test_the_spanish_page_shows_the_spanish_note_or_says_the_english_one_is_english(
    editor_client,
):
    trip, event = TripFactory(), EventFactory()
    submit(
        editor_client,
        change_url(trip),
        change_kind="major",
        change_note_en="Corrected the dates.",
        change_note_es="Se corrigieron las fechas.",
    )
    submit(editor_client, change_url(event), change_kind="major", change_note_en="Moved online.")

    assert "Se corrigieron las fechas." in page_of(trip, "/es")
    html = page_of(event, "/es")
    assert '<span lang="en">Moved online.</span>' in html
    assert "Moved online." not in page_of(trip, "/es")


def test_only_a_published_item_with_a_public_page_is_asked(editor_client):
    draft = TripFactory(status=Status.DRAFT)
    form = editor_client.get(change_url(draft)).context["adminform"].form
    assert "change_kind" not in form.fields
    published = TripFactory()
    form = editor_client.get(change_url(published)).context["adminform"].form
    assert {"change_kind", "change_note_en", "change_note_es"} <= set(form.fields)
    # A trip has no followers of its own to email.
    assert "email_followers" not in form.fields

    from tests.exchange.factories import OrganisationFactory

    organisation = OrganisationFactory()  # shown on the partners page, with no page of its own
    assert not changes.has_change_notes(type(organisation))
    form = editor_client.get(change_url(organisation)).context["adminform"].form
    assert "change_kind" not in form.fields


def test_a_restore_records_no_change_note_whatever_is_posted(publisher_client):
    trip = TripFactory(title="Study tour")
    version = save_revision(trip)
    type(trip).objects.filter(pk=trip.pk).update(title_en="Edited since")

    url = admin_url(trip, "revision", trip.pk, version.pk)
    assert "change_kind" not in publisher_client.get(url).context["adminform"].form.fields
    response = submit(
        publisher_client, url, change_kind="major", change_note_en="Not a change note."
    )

    assert response.status_code == 302, form_errors(response)
    assert type(trip).objects.get(pk=trip.pk).title == "Study tour"
    assert not ChangeNote.objects.exists()


def test_the_published_date_is_the_first_publication(publisher_client):
    from publishing import services as publishing

    trip = TripFactory()
    first = trip.published_at
    publishing.unpublish(trip)
    publishing.publish(trip)
    assert type(trip).objects.get(pk=trip.pk).published_at == first


def test_a_major_change_cannot_unpublish_the_item_it_notes(publisher_client):
    trip = TripFactory()
    response = submit(
        publisher_client,
        change_url(trip),
        status=Status.DRAFT,
        change_kind="major",
        change_note_en="Withdrawn.",
    )
    assert response.status_code == 200
    assert "keep the item published" in str(form_errors(response))
    assert not ChangeNote.objects.exists()
