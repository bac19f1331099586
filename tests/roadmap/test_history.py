"""Each action's history, whatever the route: every change of status is kept with its date and
note, and a target date that moves (the action's or a milestone's) leaves the old one in sight,
with the note that explains it. The action's page shows the timeline; /roadmap/ the milestones."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from roadmap.models import Action, Milestone, ProgressNote
from tests.admin_forms import change_url, form_errors, submit
from tests.publishing.test_rights import admin_url, save_revision
from tests.roadmap.factories import ActionFactory

pytestmark = pytest.mark.django_db
P = Action.Progress
DEC_2026, MAR_2027, JUN_2027 = (
    datetime.date(2026, 12, 1),
    datetime.date(2027, 3, 1),
    datetime.date(2027, 6, 1),
)


def page(action) -> str:
    html = Client().get(action.get_absolute_url()).content.decode()
    return re.sub(r"\s+", " ", html)


def recorded(action):
    return list(ProgressNote.objects.filter(action=action).order_by("pk"))


@pytest.fixture
def action():
    action = ActionFactory(title="Hub strategy", target_date=DEC_2026, progress=P.PLANNED)
    Milestone.objects.create(action=action, title="Draft strategy", target_date=DEC_2026, order=0)
    return action


def test_moving_a_target_date_needs_a_note_in_the_admin(editor_client, action):
    response = submit(editor_client, change_url(action), target_date="2027-03-01")
    assert response.status_code == 200
    assert "A moved target date needs a note" in str(form_errors(response))

    response = submit(
        editor_client, change_url(action), **{"milestones-0-target_date": "2027-03-01"}
    )
    assert response.status_code == 200
    assert "A moved target date needs a note" in str(form_errors(response))
    assert recorded(action) == []


def test_moving_a_target_date_leaves_the_old_one_visible(editor_client, action):
    response = submit(
        editor_client,
        change_url(action),
        target_date="2027-03-01",
        history_note_en="The consultation took longer than planned.",
        history_note_es="La consulta tardó más de lo previsto.",
        **{
            "milestones-0-target_date": "2027-03-01",
            "milestones-0-target_note_en": "Waiting for the council's review.",
        },
    )
    assert response.status_code == 302, form_errors(response)
    # And again, later: every revision stays.
    response = submit(
        editor_client,
        change_url(action),
        target_date="2027-06-01",
        history_note_en="Funding arrives in spring.",
    )
    assert response.status_code == 302, form_errors(response)

    today = timezone.localdate()
    moved_on = f"{today.day} {today:%B %Y}"
    html = page(action)
    assert (
        '1 June 2027</time> (originally <time datetime="2026-12-01">1 December 2026</time>; '
        'moved to <time datetime="2027-03-01">1 March 2027</time> on '
        f'<time datetime="{today:%Y-%m-%d}">{moved_on}</time>: '
        "<span>The consultation took longer than planned.</span>; moved on "
        f'<time datetime="{today:%Y-%m-%d}">{moved_on}</time>: <span>Funding arrives in spring.'
    ) in html
    assert (
        'Target: <time datetime="2027-03-01">1 March 2027</time> (originally '
        '<time datetime="2026-12-01">1 December 2026</time>; moved on'
    ) in html
    assert "Waiting for the council&#x27;s review." in html
    assert "The target date of “Draft strategy” moved from" in html
    # In Spanish, the note staff wrote in Spanish.
    assert "La consulta tardó más de lo previsto." in page_in_spanish(action)


def page_in_spanish(action) -> str:
    return Client().get("/es" + action.get_absolute_url()).content.decode()


def test_every_route_records_a_change_of_status(editor_client, publisher_client, action):
    # The change form, with its note.
    response = submit(
        editor_client, change_url(action), progress=P.IN_PROGRESS, history_note_en="Kick-off."
    )
    assert response.status_code == 302, form_errors(response)
    # A list edit.
    response = editor_client.post(
        reverse("admin:roadmap_action_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(action.pk),
            "form-0-progress": P.ON_HOLD,
            "form-0-order": "0",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    # Code: a command, the content loader.
    action.refresh_from_db()
    action.progress = P.COMPLETE
    action.save()

    steps = [(n.previous_progress, n.progress, n.text) for n in recorded(action)]
    assert steps == [
        (P.PLANNED, P.IN_PROGRESS, "Kick-off."),
        (P.IN_PROGRESS, P.ON_HOLD, ""),
        (P.ON_HOLD, P.COMPLETE, ""),
    ]
    assert all(n.date == timezone.localdate() for n in recorded(action))


def test_a_restore_records_its_change_of_status_and_keeps_the_history(publisher_client, action):
    version = save_revision(action.theme)  # the theme's versions carry its actions
    action.progress = P.COMPLETE
    action.save()

    response = submit(
        publisher_client, admin_url(action.theme, "revision", action.theme.pk, version.pk)
    )

    assert response.status_code == 302, form_errors(response)
    assert Action.objects.get(pk=action.pk).progress == P.PLANNED
    first, restored = recorded(action)
    assert (first.previous_progress, first.progress) == (P.PLANNED, P.COMPLETE)
    assert (restored.previous_progress, restored.progress) == (P.COMPLETE, P.PLANNED)
    assert restored.text_en == "An earlier version of this step was restored."
    assert restored.text_es  # said in every language


def test_a_first_target_date_and_an_unchanged_one_are_no_move(editor_client):
    action = ActionFactory(target_date=None)
    action.target_date = DEC_2026
    action.save()
    action.save()
    assert recorded(action) == []
    response = submit(editor_client, change_url(action), history_note_en="Why?")
    assert response.status_code == 200
    assert "Nothing this note explains has changed" in str(form_errors(response))


def test_the_action_page_shows_the_timeline_as_an_ordered_list(action):
    Milestone.objects.create(
        action=action,
        title="Consultation",
        target_date=datetime.date(2026, 3, 1),
        actual_date=datetime.date(2026, 3, 5),
        order=1,
    )
    action.progress = P.IN_PROGRESS
    action.save()

    html = page(action)
    stages = re.search(r'<ol class="timeline" aria-labelledby="stages-heading">(.*?)</ol>', html)
    items = re.findall(r"<li[^>]*>(.*?)</li>", stages.group(1))
    assert [re.sub(r"<[^>]+>", "", item).strip() for item in items] == [
        "Proposed: passed",
        "Planned: passed",
        f"In progress: the status now, since {timezone.localdate().day} "
        f"{timezone.localdate():%B %Y}",
        "Complete: not yet",
    ]
    assert '<li class="timeline-current" aria-current="step">' in html
    assert "1 of 2 milestones done" in html
    assert 'value="1" max="2" aria-labelledby="milestones-done"' in html
    assert "Done on <time" in html and "Not done yet." in html


def test_the_roadmap_shows_each_actions_milestones_without_a_query_per_action(
    action, django_assert_max_num_queries
):
    Milestone.objects.create(action=action, title="Done", actual_date=DEC_2026, order=1)
    ActionFactory(theme=action.theme)  # no milestones: no bar
    with django_assert_max_num_queries(10):
        html = Client().get(reverse("roadmap:index")).content.decode()
    assert html.count("<progress") == 1
    assert f'id="milestones-{action.slug}">1 of 2 milestones done</p>' in html
    assert f'aria-labelledby="milestones-{action.slug}"' in html


def test_a_recorded_change_keeps_its_date_and_status_in_the_admin(editor_client, action):
    action.progress = P.IN_PROGRESS
    action.save()
    [note] = recorded(action)
    url = reverse("admin:roadmap_progressnote_change", args=[note.pk])
    response = submit(editor_client, url, date="2020-01-01", progress=P.COMPLETE, text_en="Fixed.")
    assert response.status_code == 302, form_errors(response)
    note.refresh_from_db()
    assert (note.date, note.progress, note.text) == (timezone.localdate(), P.IN_PROGRESS, "Fixed.")
