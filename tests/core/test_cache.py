"""The whole-page cache (core/cache.py) never serves a page past a change to what it
shows, however the change is made: a save, a delete, a relation, the search index, a bulk
change that calls `content_changed()`, or a deploy (a new `RELEASE`)."""

import pytest
from django.test import Client

from core import cache as page_cache
from tests.exchange.factories import TripFactory

pytestmark = pytest.mark.django_db


def served(url: str):
    """An anonymous visitor's answer, and whether the page cache gave it."""
    response = Client().get(url)
    return response, response.get("X-Page-Cache")


@pytest.fixture
def stored_trip():
    trip = TripFactory(title="Study tour of Danish industry")
    url = trip.get_absolute_url()
    assert served(url)[1] == "miss"
    assert served(url)[1] == "hit"
    return trip


def test_a_row_unpublished_after_its_page_was_stored_is_not_found(stored_trip):
    stored_trip.status = "draft"
    stored_trip.save()
    assert served(stored_trip.get_absolute_url())[0].status_code == 404


def test_a_row_deleted_after_its_page_was_stored_is_not_found(stored_trip):
    url = stored_trip.get_absolute_url()
    stored_trip.delete()
    assert served(url)[0].status_code == 404


def test_a_row_unpublished_without_signals_is_not_found_once_that_is_said(stored_trip):
    url = stored_trip.get_absolute_url()
    type(stored_trip).objects.filter(pk=stored_trip.pk).update(status="draft")
    assert served(url)[1] == "hit"  # a bulk change without signals is invisible ...
    page_cache.content_changed()  # ... until it says so, as every bulk change must
    assert served(url)[0].status_code == 404


def test_a_renamed_row_shows_its_new_title_at_once(stored_trip):
    stored_trip.title = "Study tour, renamed"
    stored_trip.save()
    html = served(stored_trip.get_absolute_url())[0].content.decode()
    assert "Study tour, renamed" in html and "Study tour of Danish industry" not in html


def test_a_relation_added_shows_at_once():
    from tests.assessment.factories import FindingFactory
    from tests.roadmap.factories import ActionFactory

    action = ActionFactory(title="Hub strategy")
    served(action.get_absolute_url())
    action.findings.add(FindingFactory(title="Waste heat is wasted"))
    assert "Waste heat is wasted" in served(action.get_absolute_url())[0].content.decode()


def test_a_list_page_past_the_end_is_not_found_once_the_list_shrinks():
    from subscriptions.models import Update
    from tests.performance.test_public_pages import add_updates

    add_updates(21)  # 20 to a page
    assert served("/updates/?page=2")[0].status_code == 200
    assert served("/updates/?page=2")[1] == "hit"
    Update.objects.earliest("sent_at").delete()
    assert served("/updates/?page=2")[0].status_code == 404


def test_search_results_follow_the_index():
    from tests.roadmap.factories import ActionFactory

    url = "/search/?q=Kalundborg"
    assert "Kalundborg symbiosis visit" not in served(url)[0].content.decode()
    ActionFactory(title="Kalundborg symbiosis visit")
    assert "Kalundborg symbiosis visit" in served(url)[0].content.decode()


def test_a_search_index_rebuild_makes_cached_results_stale():
    from search import index

    url = "/search/?q=Kalundborg"
    served(url)
    assert served(url)[1] == "hit"
    index.rebuild()
    assert served(url)[1] == "miss"


def test_a_deploy_starts_pages_afresh(stored_trip, settings):
    settings.RELEASE = "the next release"
    assert served(stored_trip.get_absolute_url())[1] == "miss"  # the new templates and wording


def test_staff_never_read_or_write_pages(editor_client):
    draft = TripFactory(title="Study tour", status="draft")
    response = editor_client.get(draft.get_absolute_url())
    assert "Draft preview" in response.content.decode()
    assert "X-Page-Cache" not in response


def test_a_page_that_is_not_found_is_not_stored():
    assert served("/no-such-page/")[1] is None
    assert served("/no-such-page/")[1] is None


# --- Parts of pages kept with `{% cache %}` (navigation, footer, the long lists) ------------


def rendered(url: str) -> str:
    """What a visitor with a session cookie gets: always rendered, never a stored page."""
    response = Client(HTTP_COOKIE="sessionid=someone").get(url)
    assert "X-Page-Cache" not in response
    return response.content.decode()


def test_the_footer_follows_the_content_at_once():
    from subscriptions.models import Topic

    topic = Topic.objects.filter(kind=Topic.Kind.SECTION).first() or Topic.objects.create(
        key="section:roadmap", kind=Topic.Kind.SECTION, title="Roadmap", slug="roadmap"
    )
    assert f">{topic.title}</label>" in rendered("/")
    topic.title = "The roadmap, renamed"
    topic.save()
    assert ">The roadmap, renamed</label>" in rendered("/")


def test_the_navigation_and_footer_follow_the_language_and_the_section():
    assert 'href="/roadmap/" aria-current="page"' in rendered("/roadmap/")
    assert 'aria-current="page"' not in rendered("/").split("</nav>")[1]  # the main navigation
    assert 'href="/es/roadmap/" aria-current="page"' in rendered("/es/roadmap/")


def test_a_deploy_renews_the_cached_parts(settings):
    rendered("/")
    settings.RELEASE = "the next release"
    settings.LANGUAGE_ACCESS_PHONE = "503-555-0100 (a new line)"
    assert "503-555-0100" in rendered("/")


def test_the_roadmap_cards_follow_the_content_and_the_language_at_once():
    from tests.roadmap.factories import ActionFactory

    action = ActionFactory(title="Map the heat sources", title_es="Mapear las fuentes de calor")
    assert "Map the heat sources" in rendered("/roadmap/")
    assert "Mapear las fuentes de calor" in rendered("/es/roadmap/")
    action.title_en = "Map every heat source"
    action.save()
    assert "Map every heat source" in rendered("/roadmap/")
    action.status = "draft"
    action.save()
    assert "Map every heat source" not in rendered("/roadmap/")


def test_the_assessment_findings_follow_the_content_and_the_sector_at_once():
    from tests.assessment.factories import FindingFactory, SectorFactory

    metals, food = SectorFactory(name="Metals"), SectorFactory(name="Food processing")
    FindingFactory(title="Furnaces run on gas", sector=metals)
    finding = FindingFactory(title="Ovens waste heat", sector=food)
    assert "Ovens waste heat" in rendered("/assessment/")
    assert "Ovens waste heat" not in rendered(f"/assessment/?sector={metals.slug}")
    assert "Furnaces run on gas" not in rendered(f"/assessment/?sector={food.slug}")
    finding.title_en = "Ovens lose their heat"
    finding.save()
    assert "Ovens lose their heat" in rendered(f"/assessment/?sector={food.slug}")
