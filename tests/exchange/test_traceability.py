"""A Denmark recommendation's page (and a finding's) lists the roadmap actions that answer it, with
their status in the page's language; and back."""

import pytest

from publishing.models import Publishable
from roadmap.models import Action
from tests.assessment.factories import FindingFactory
from tests.exchange.factories import RecommendationFactory
from tests.languages import get
from tests.outline import assert_accessible
from tests.roadmap.factories import ActionFactory, ThemeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
DRAFT = Publishable.Status.DRAFT


def test_recommendation_page_lists_the_public_actions_that_answer_it(client):
    recommendation = RecommendationFactory(title="Recover waste heat")
    action = ActionFactory(title="Invest in heat recovery", recommendations=[recommendation])
    ActionFactory(title="A draft step", status=DRAFT, recommendations=[recommendation])
    ActionFactory(
        title="Under a draft theme",
        theme=ThemeFactory(status=DRAFT),
        recommendations=[recommendation],
    )

    response = client.get(recommendation.get_absolute_url())

    content = response.content.decode()
    assert_accessible(response)
    assert "Roadmap actions that answer this recommendation" in content
    assert f'href="{action.get_absolute_url()}">Invest in heat recovery</a>' in content
    assert "A draft step" not in content
    assert "Under a draft theme" not in content
    # ...and back: the action's page links to the recommendation.
    assert (
        f'href="{recommendation.get_absolute_url()}"'
        in client.get(action.get_absolute_url()).content.decode()
    )


def test_recommendation_page_without_actions_says_so(client):
    content = client.get(RecommendationFactory().get_absolute_url()).content.decode()
    assert "No roadmap action is linked to this recommendation yet" in content


ANSWERED = {
    "en": ">Build the hub</a> (status: complete)",
    "es": ">Construir el polo</a> (estado: completada)",
}


def test_finding_and_recommendation_pages_name_the_action_status_in_the_page_language(
    client, language
):
    finding = FindingFactory()
    recommendation = RecommendationFactory()
    ActionFactory(
        title="Build the hub",
        title_es="Construir el polo",
        findings=[finding],
        recommendations=[recommendation],
        progress=Action.Progress.COMPLETE,
    )

    for url in [finding.get_absolute_url(), recommendation.get_absolute_url()]:
        _, html = get(client, url, language)
        assert ANSWERED[language] in html


@pytest.mark.parametrize("count", [1, 10])
def test_recommendation_page_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, count
):
    recommendation = RecommendationFactory()
    for _ in range(count):
        ActionFactory(recommendations=[recommendation])
        RecommendationFactory(site_visit=recommendation.site_visit)
    with django_assert_max_num_queries(10):
        response = client.get(recommendation.get_absolute_url())
    assert len(response.context["actions"]) == count
