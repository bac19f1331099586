"""The whole-page cache (core/cache.py) never serves a page past a change to what it
shows, however the change is made: a save, a delete, a relation, the search index, a bulk
change that calls `content_changed()`, or a deploy (a new `RELEASE`)."""

import datetime
import re

import pytest
from csp.middleware import CSPMiddleware
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import cache as page_cache
from publishing import changes
from tests.exchange.factories import EventFactory, TripFactory
from tests.languages import NOTICE

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


# --- What an entry holds ----------------------------------------------------------------


def test_a_stored_page_is_the_rendered_page_without_the_templates_indentation():
    url = TripFactory(title="Study tour").get_absolute_url()
    as_rendered = Client(HTTP_COOKIE="sessionid=someone").get(url).content
    (miss, _), (hit, _) = served(url), served(url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert re.search(rb"\n\s", as_rendered)  # the templates' indentation and blank lines
    assert hit.content == miss.content and hit["ETag"] == miss["ETag"]
    assert not re.search(rb"\n\s", hit.content)  # each run of whitespace cut to its line break
    # Only whitespace differs: every word, tag and attribute is there, in its order.
    assert hit.content.split() == as_rendered.split()
    assert int(hit["Content-Length"]) == len(hit.content) < 0.9 * len(as_rendered)


def test_a_page_where_whitespace_shows_is_stored_as_rendered():
    url = TripFactory(body="<pre>one\n    two\n        three</pre>").get_absolute_url()
    as_rendered = Client(HTTP_COOKIE="sessionid=someone").get(url).content
    assert b"<pre>one\n    two\n        three</pre>" in as_rendered
    (miss, _), (hit, cached) = served(url), served(url)
    assert cached == "hit"
    assert hit.content == miss.content == as_rendered


def test_what_is_not_html_is_stored_as_rendered():
    # iCalendar folds a long line as a line break and a space: cutting it would break the file.
    event = EventFactory(title="A work session of the City Council on the clean industry " * 3)
    url = reverse("exchange:event-calendar", args=[event.slug])
    (miss, _), (hit, cached) = served(url), served(url)
    assert cached == "hit"
    assert b"\r\n " in hit.content
    assert hit.content == miss.content


def test_a_page_that_used_its_csp_nonce_is_never_stored(rf):
    def view_with_an_inline_script(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    stack = page_cache.PublicPageCacheMiddleware(CSPMiddleware(view_with_an_inline_script))
    first, second = stack(rf.get("/inline/")), stack(rf.get("/inline/"))
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


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


# --- Cached parts that read the database: their queries run only when they are rebuilt -------


def read(url: str) -> tuple[str, set[str]]:
    """A rendered page (see `rendered`) and the tables its queries read."""
    with CaptureQueriesContext(connection) as queries:
        html = rendered(url)
    return html, {table for q in queries for table in re.findall(r'FROM "(\w+)"', q["sql"])}


def read_once_cached(url: str) -> set[str]:
    """The tables whose columns the one query of a page's second render selects (its parts
    cached by the first): a detail page should read only its own row."""
    rendered(url)
    with CaptureQueriesContext(connection) as queries:
        rendered(url)
    assert len(queries) == 1, [q["sql"] for q in queries]
    select_list = queries[0]["sql"].split(" FROM ", 1)[0]
    return set(re.findall(r'"(\w+)"\."\w+"', select_list))


def section(html: str, heading_id: str) -> str:
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


# The roadmap and the assessment: below the heading, each is one fragment with its notice.
LIST_PAGES = {"/roadmap/": "roadmap_action", "/assessment/": "assessment_finding"}


def a_finding_and_the_action_that_answers_it():
    from tests.assessment.factories import FindingFactory, IndicatorFactory
    from tests.roadmap.factories import ActionFactory

    finding = FindingFactory(title="Ovens waste heat", title_es="Los hornos pierden calor")
    IndicatorFactory(name="Industrial jobs", value=1500, unit="jobs")
    action = ActionFactory(
        title="Map the heat sources", title_es="Mapear las fuentes de calor", findings=[finding]
    )
    return finding, action


@pytest.mark.parametrize("url", LIST_PAGES)
def test_a_list_page_runs_no_query_once_it_is_cached(url, django_assert_num_queries):
    a_finding_and_the_action_that_answers_it()
    html, tables = read(url)
    assert LIST_PAGES[url] in tables
    assert "Map the heat sources" in html or "Ovens waste heat" in html
    with django_assert_num_queries(0):
        again = rendered(url)
    assert again == html


def test_the_roadmaps_counts_and_charts_follow_a_change_of_status_at_once():
    _, action = a_finding_and_the_action_that_answers_it()
    assert "1 step on the roadmap: 1 planned." in rendered("/roadmap/")
    assert "1 acción en la hoja de ruta: 1 planificada." in rendered("/es/roadmap/")
    action.progress = "complete"
    action.save()
    html = rendered("/roadmap/")
    assert "1 step on the roadmap: 1 complete." in html
    assert "Complete: 1." in html  # the status chart's description
    assert "1 acción en la hoja de ruta: 1 completada." in rendered("/es/roadmap/")


def test_the_assessments_coverage_follows_the_roadmap_at_once():
    finding, action = a_finding_and_the_action_that_answers_it()
    assert "1 roadmap action answers this finding" in rendered("/assessment/")
    assert "Ovens waste heat" not in rendered("/assessment/?coverage=none")
    action.findings.remove(finding)
    assert "No roadmap action is linked to this finding yet." in rendered("/assessment/")
    assert "Ovens waste heat" in rendered("/assessment/?coverage=none")


def in_spanish(*rows):
    """Give each row's main texts (title, summary...) a Spanish version."""
    from core.templatetags.translated import MAIN_FIELDS

    for row in rows:
        for field in MAIN_FIELDS:
            if getattr(row, f"{field}_en", None):
                setattr(row, f"{field}_es", f"{getattr(row, f'{field}_en')} (es)")
        row.save()


@pytest.mark.parametrize("url", LIST_PAGES)
def test_a_list_pages_translation_notice_follows_the_rows_and_keeps_the_query_string(url):
    from assessment.models import Indicator

    finding, action = a_finding_and_the_action_that_answers_it()
    in_spanish(*Indicator.objects.select_related("finding"), action.theme)
    for indicator in Indicator.objects.select_related("finding"):
        in_spanish(indicator.finding)
    # The page's own row is the last one shown in English.
    own, other = (action, finding) if url == "/roadmap/" else (finding, action)
    in_spanish(other)
    tagged = rendered(f"/es{url}?utm_source=newsletter")
    assert NOTICE in tagged
    assert f'href="{url}?utm_source=newsletter" hreflang="en" lang="en"' in tagged
    plain = rendered(f"/es{url}")
    assert NOTICE in plain and f'href="{url}" hreflang="en" lang="en"' in plain
    assert "utm_source" not in plain
    assert "translation-notice" not in rendered(url)

    in_spanish(own)
    assert NOTICE not in rendered(f"/es{url}")
    assert NOTICE not in rendered(f"/es{url}?utm_source=newsletter")


def test_search_results_are_kept_per_query_and_follow_the_index_at_once(
    django_assert_num_queries,
):
    from tests.roadmap.factories import ActionFactory

    ActionFactory(title="Map the heat sources")
    html = rendered("/search/?q=heat")
    assert "Map the heat sources" in html
    with django_assert_num_queries(0):
        assert rendered("/search/?q=heat") == html
    assert "Map the heat sources" not in rendered("/search/?q=water")
    ActionFactory(title="Pilot a heat network")
    html = rendered("/search/?q=heat")
    assert "Map the heat sources" in html and "Pilot a heat network" in html


def detail_factories():
    from tests.assessment.factories import FindingFactory
    from tests.exchange.factories import EventFactory
    from tests.roadmap.factories import ActionFactory

    return [TripFactory, EventFactory, FindingFactory, ActionFactory, about_page]


def about_page():
    from pages.models import Page

    return Page.objects.create(
        slug="about", title="About the initiative", summary="Who we are.", status="published"
    )


@pytest.mark.parametrize("factory", detail_factories(), ids=lambda f: f.__name__)
def test_a_pages_change_notes_are_read_only_when_their_parts_are_rebuilt(factory):
    item = factory()
    changes.record_major_change(item, notes={"en": "Corrected the dates."})
    html, tables = read(item.get_absolute_url())
    assert "publishing_changenote" in tables
    assert "Last updated" in html
    assert "Corrected the dates." in section(html, "page-history-heading")
    again, tables = read(item.get_absolute_url())
    assert "publishing_changenote" not in tables
    assert again == html


def test_a_change_note_shows_on_its_page_at_once_in_each_language():
    trip = TripFactory()
    url = trip.get_absolute_url()
    assert "Last updated" not in rendered(url) and 'id="page-history"' not in rendered(url)
    note, _ = changes.record_major_change(
        trip, notes={"en": "Added the visit to Aalborg.", "es": "Se añadió la visita a Aalborg."}
    )
    html = rendered(url)
    assert "Last updated" in html and "Added the visit to Aalborg." in html
    spanish = rendered(f"/es{url}")
    assert "Se añadió la visita a Aalborg." in spanish and "Added the visit" not in spanish
    assert "Se añadió" not in rendered(url)
    note.text_en = "Added the visits to Aalborg and Aarhus."
    note.save()
    assert "Added the visits to Aalborg and Aarhus." in rendered(url)


def test_items_of_two_types_with_the_same_key_keep_their_own_notes():
    from tests.exchange.factories import EventFactory

    trip = TripFactory()
    event = EventFactory(pk=trip.pk)
    changes.record_major_change(trip, notes={"en": "A note on the trip."})
    assert "A note on the trip." in rendered(trip.get_absolute_url())
    assert "A note on the trip." not in rendered(event.get_absolute_url())


# The rows the home page lists as new (pages.front and the latest change notes).
WHAT_IS_NEW = {
    "subscriptions_update",
    "publishing_changenote",
    "roadmap_action",
    "exchange_event",
    "assessment_indicator",
}


def what_is_new():
    """One row of each kind the home page lists as new; returns the roadmap action."""
    from django.utils import timezone

    from assessment.views import KEY_FIGURE
    from subscriptions.models import Update
    from tests.assessment.factories import IndicatorFactory
    from tests.exchange.factories import EventFactory
    from tests.roadmap.factories import ActionFactory, ProgressNoteFactory

    action = ActionFactory(title="Map the heat sources", title_es="Mapear las fuentes de calor")
    ProgressNoteFactory(action=action, date=datetime.date(2025, 2, 3))
    changes.record_major_change(
        action, notes={"en": "Added a second phase.", "es": "Se añadió una segunda fase."}
    )
    EventFactory(title="Work session", date=datetime.date.today() + datetime.timedelta(days=9))
    Update.objects.create(
        subject="Council recap", body_html="<p>Body.</p>", status="sent", sent_at=timezone.now()
    )
    IndicatorFactory(slug=KEY_FIGURE, name="Share of Portland jobs in industry", value=22)
    return action


def test_the_home_page_runs_no_query_once_what_is_new_is_cached(django_assert_num_queries):
    what_is_new()
    html, tables = read("/")
    assert tables >= WHAT_IS_NEW
    with django_assert_num_queries(0):
        again = rendered("/")
    assert again == html
    assert "Added a second phase." in section(again, "changes-heading")
    assert "Council recap" in section(again, "updates-heading")


def test_what_is_new_shows_an_edit_a_publication_and_a_change_note_at_once():
    from tests.roadmap.factories import ActionFactory, ProgressNoteFactory

    action = what_is_new()
    assert "1 step on the roadmap" in section(rendered("/"), "roadmap-heading")
    action.title_en = "Map every heat source"
    action.save()
    assert "Map every heat source" in section(rendered("/"), "roadmap-heading")

    draft = ActionFactory(title="Pilot a heat network", status="draft")
    ProgressNoteFactory(action=draft, date=datetime.date(2025, 3, 1))
    assert "Pilot a heat network" not in rendered("/")
    draft.status = "published"
    draft.save()
    roadmap = section(rendered("/"), "roadmap-heading")
    assert "2 steps on the roadmap" in roadmap and "Pilot a heat network" in roadmap

    note, _ = changes.record_major_change(draft, notes={"en": "Found a site for the pilot."})
    assert "Found a site for the pilot." in section(rendered("/"), "changes-heading")
    note.text_en = "Found two sites for the pilot."  # staff correct a note's words
    note.save()
    assert "Found two sites for the pilot." in section(rendered("/"), "changes-heading")


def test_each_language_has_its_own_what_is_new():
    what_is_new()
    english, spanish = rendered("/"), rendered("/es/")
    assert "Map the heat sources" in section(english, "roadmap-heading")
    assert "Added a second phase." in section(english, "changes-heading")
    assert "Mapear las fuentes de calor" in section(spanish, "roadmap-heading")
    assert "Se añadió una segunda fase." in section(spanish, "changes-heading")
    assert "Mapear" not in rendered("/") and "Added a second phase." not in rendered("/es/")


def test_the_home_pages_translation_notice_follows_the_rows_and_keeps_no_query_string():
    """The notice looks at the rows of what is new, so it is cached with them; its link to
    the English page keeps the address's query string, so that one is never cached."""
    from tests.roadmap.factories import ActionFactory, ProgressNoteFactory

    action = ActionFactory(title="Map the heat sources", title_es="")
    ProgressNoteFactory(action=action)
    tagged = rendered("/es/?utm_source=newsletter")
    assert NOTICE in tagged
    assert 'href="/?utm_source=newsletter" hreflang="en" lang="en"' in tagged
    plain = rendered("/es/")
    assert NOTICE in plain and 'href="/" hreflang="en" lang="en"' in plain
    assert "utm_source" not in plain
    assert "translation-notice" not in rendered("/")

    action.title_es, action.summary_es = "Mapear las fuentes de calor", "Lo que hace este paso."
    action.save()
    assert NOTICE not in rendered("/es/")


def an_action_with_everything():
    from roadmap.models import Milestone
    from tests.assessment.factories import FindingFactory
    from tests.exchange.factories import RecommendationFactory
    from tests.roadmap.factories import (
        ActionFactory,
        CollaborationTrackFactory,
        OrganisationFactory,
        ProgressNoteFactory,
    )

    action = ActionFactory(
        title="Map the heat sources",
        partners=[OrganisationFactory(name="Portland General Electric", slug="pge")],
        findings=[FindingFactory(title="Waste heat is lost")],
        recommendations=[RecommendationFactory(title="Share surplus heat")],
        tracks=[CollaborationTrackFactory(title="District heating peers", slug="heat-peers")],
    )
    ProgressNoteFactory(action=action, text="Surveyed the first district.")
    Milestone.objects.create(
        action=action, title_en="Survey every district", title_es="Inspeccionar cada distrito"
    )
    changes.record_major_change(action, notes={"en": "Added a second phase."})
    return action


def test_the_action_page_reads_only_the_action_once_its_parts_are_cached():
    action = an_action_with_everything()
    url = action.get_absolute_url()
    html, tables = read(url)
    assert tables >= {
        "exchange_organisation",
        "assessment_finding",
        "exchange_recommendation",
        "exchange_collaborationtrack",
        "roadmap_milestone",
        "roadmap_progressnote",
        "publishing_changenote",
        "subscriptions_topic",
    }
    for shown in ("Portland General Electric", "Waste heat is lost", "Share surplus heat"):
        assert shown in html
    assert "District heating peers" in html and "Survey every district" in html
    assert "Surveyed the first district." in html and "Added a second phase." in html
    again, tables = read(url)
    assert tables == {"roadmap_action"}  # one query: the action, with its theme, lead and image
    assert again == html


def test_the_action_page_follows_its_history_milestones_and_links_at_once_in_each_language():
    from roadmap.models import Milestone
    from tests.assessment.factories import FindingFactory
    from tests.roadmap.factories import ProgressNoteFactory

    action = an_action_with_everything()
    url = action.get_absolute_url()
    assert "Inspeccionar cada distrito" in rendered(f"/es{url}")
    assert "Inspeccionar" not in rendered(url)
    ProgressNoteFactory(action=action, date=datetime.date(2024, 5, 1), text="Surveyed two more.")
    assert "Surveyed two more." in rendered(url)
    Milestone.objects.create(action=action, title="Publish the heat map")
    assert "Publish the heat map" in rendered(url)
    action.findings.add(FindingFactory(title="Furnaces run on gas"))
    assert "Furnaces run on gas" in rendered(url)
