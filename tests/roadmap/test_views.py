import datetime

import pytest
from django.urls import reverse

from publishing.models import Publishable
from roadmap.models import Action
from tests.assessment.factories import FindingFactory
from tests.exchange.factories import RecommendationFactory
from tests.outline import assert_accessible
from tests.roadmap.factories import (
    ActionFactory,
    CollaborationTrackFactory,
    OrganisationFactory,
    ProgressNoteFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
DRAFT = Publishable.Status.DRAFT
INDEX = reverse("roadmap:index")


def test_index_groups_actions_by_theme_with_progress_in_words(client):
    hub = ThemeFactory(title="Innovation hub", order=1)
    learning = ThemeFactory(title="Learning with Denmark", order=2)
    lead = OrganisationFactory(name="City of Portland")
    ActionFactory(
        theme=learning,
        title="Explore agreements",
        progress=Action.Progress.PLANNED,
        timeframe="From 2022",
    )
    ActionFactory(
        theme=hub, title="Write the strategy", progress=Action.Progress.IN_PROGRESS, lead=lead
    )
    ActionFactory(theme=hub, title="A draft step", status=DRAFT)
    ActionFactory(theme=ThemeFactory(title="A draft theme", status=DRAFT), title="Hidden step")

    response = client.get(INDEX)

    content = response.content.decode()
    outline = assert_accessible(response)
    h2 = [text for level, text in outline.headings if level == 2]
    assert h2.index("Innovation hub") < h2.index("Learning with Denmark")
    assert "A draft theme" not in h2
    assert "Status: In progress" in content
    assert "Status: Planned" in content
    assert f'href="{lead.get_absolute_url()}">City of Portland</a>' in content
    assert "From 2022" in content
    assert "Not stated" in content  # the strategy has no timeframe
    assert "2 steps on the roadmap: 1 planned, 1 in progress." in content
    for hidden in ("A draft step", "Hidden step"):
        assert hidden not in content


def test_index_without_actions_says_so(client):
    ThemeFactory()  # a theme with nothing published under it is not shown

    response = client.get(INDEX)

    assert "No next steps published yet" in response.content.decode()
    assert response.context["themes"] == []
    assert_accessible(response)


def test_action_page_traces_what_it_answers(client):
    finding = FindingFactory(title="Hub models elsewhere")
    recommendation = RecommendationFactory(title="Recover waste heat")
    track = CollaborationTrackFactory(title="Government-to-government")
    partner = OrganisationFactory(name="Portland Business Alliance")
    action = ActionFactory(
        title="Build the hub",
        body="<p>The <em>strategy</em>.</p>",
        lead_description="Portland companies",
        timeframe="2023",
        findings=[finding, FindingFactory(title="Draft finding", status=DRAFT)],
        recommendations=[recommendation],
        tracks=[track],
        partners=[partner, OrganisationFactory(name="Draft partner", status=DRAFT)],
    )

    response = client.get(action.get_absolute_url())

    content = response.content.decode()
    assert_accessible(response)
    assert "<em>strategy</em>" in content
    assert "Portland companies" in content
    assert "2023" in content
    for linked in (finding, recommendation, track, partner):
        assert f'href="{linked.get_absolute_url()}"' in content
    assert "Draft finding" not in content
    assert "Draft partner" not in content
    # ...and back: the finding's page links to this action.
    assert (
        f'href="{action.get_absolute_url()}"'
        in client.get(finding.get_absolute_url()).content.decode()
    )


def test_action_page_shows_progress_notes_newest_first(client):
    action = ActionFactory()
    ProgressNoteFactory(action=action, date=datetime.date(2023, 1, 5), text="Kick-off held.")
    ProgressNoteFactory(
        action=action,
        date=datetime.date(2023, 6, 9),
        text="Draft shared.",
        progress=Action.Progress.COMPLETE,
    )

    content = client.get(action.get_absolute_url()).content.decode()

    assert '<time datetime="2023-06-09">9 June 2023</time>' in content
    assert '<time datetime="2023-01-05">5 January 2023</time>' in content
    assert content.index("Draft shared.") < content.index("Kick-off held.")
    assert "Status: Complete" in content


def test_action_page_without_links_or_notes_says_so(client):
    content = client.get(ActionFactory().get_absolute_url()).content.decode()

    assert "not linked to a finding or recommendation yet" in content
    assert "No progress updates have been posted" in content
    assert "None named yet" in content


@pytest.mark.parametrize(
    "make",
    [
        lambda: ActionFactory(status=DRAFT),
        lambda: ActionFactory(theme=ThemeFactory(status=DRAFT)),
    ],
    ids=["draft action", "draft theme"],
)
def test_unpublished_action_is_not_found(client, make):
    assert client.get(make().get_absolute_url()).status_code == 404


def _many_actions(count):
    lead = OrganisationFactory()
    tracks = [CollaborationTrackFactory(kind=kind) for kind in ("government", "industry")]
    for index in range(count):
        action = ActionFactory(
            theme=ThemeFactory(),
            lead=lead,
            partners=[OrganisationFactory(), OrganisationFactory()],
            findings=[FindingFactory(), FindingFactory()],
            recommendations=[RecommendationFactory()],
            tracks=tracks,
        )
        ProgressNoteFactory(action=action, date=datetime.date(2023, 1, 1 + index))
        ProgressNoteFactory(action=action, date=datetime.date(2023, 2, 1 + index))
    return action


@pytest.mark.parametrize("count", [1, 10])
def test_index_runs_a_constant_number_of_queries(client, django_assert_max_num_queries, count):
    _many_actions(count)
    with django_assert_max_num_queries(10):
        response = client.get(INDEX)
    assert len(response.context["themes"]) == count


@pytest.mark.parametrize("count", [1, 10])
def test_action_page_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, count
):
    action = _many_actions(count)
    action.findings.add(*FindingFactory.create_batch(count))
    for day in range(count):
        ProgressNoteFactory(action=action, date=datetime.date(2024, 1, 1 + day))
    with django_assert_max_num_queries(10):
        response = client.get(action.get_absolute_url())
    assert len(response.context["action"].published_findings) == count + 2
