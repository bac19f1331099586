"""Cached fragments (cleanindustry/fragments.py): a public page rendered from stored parts is
the page rendered from the database, runs (almost) no queries, and a change to a table makes
stale exactly the parts built from it, however it is changed (a save, a relation, the search
index, a bulk change). Staff never read or write them; nothing personal is ever stored."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cleanindustry import cache as page_cache
from cleanindustry import fragments
from roadmap.models import Action
from tests.performance.test_public_pages import public_pages, site  # noqa: F401

pytestmark = pytest.mark.django_db

# Pages whose main content is a cached fragment. Forms with a CSRF token (contact, subscribe)
# and the feed are rendered every time; they are small.
NOT_FRAGMENTED = {"contact", "subscribe", "feed"}


@pytest.fixture
def uncached_pages(settings):
    """Requests that skip the whole-page cache (as a visitor with a message waiting does), so
    each one renders: the way `make bench-web` measures "uncached"."""
    settings.BENCH_MODE = True
    cache.clear()
    return Client(HTTP_X_BENCH_NO_CACHE="1")


def without_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def render_from_database(url, settings):
    settings.FRAGMENT_CACHE = False
    try:
        return without_tokens(Client().get(url, HTTP_X_BENCH_NO_CACHE="1").content.decode())
    finally:
        settings.FRAGMENT_CACHE = True


@pytest.mark.parametrize("prefix", ["", "/es"], ids=["english", "spanish"])
def test_a_page_from_stored_fragments_is_the_page_from_the_database(
    site,  # noqa: F811
    uncached_pages,
    settings,
    prefix,
):
    for name, url in public_pages().items():
        url = prefix + url
        first = uncached_pages.get(url)
        assert first.status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            stored = without_tokens(uncached_pages.get(url).content.decode())
        assert stored == render_from_database(url, settings), name
        if name not in NOT_FRAGMENTED:
            # Even the row behind a detail page: its lookup is remembered with the fragments.
            assert len(queries) == 0, (name, [q["sql"][:80] for q in queries])


@pytest.fixture
def roadmap_and_exchange(uncached_pages):
    from tests.exchange.factories import TripFactory
    from tests.roadmap.factories import ActionFactory

    trip = TripFactory(title="Study tour of Danish industry")
    action = ActionFactory(title="Hub strategy")
    for url in ("/roadmap/", "/exchange/", action.get_absolute_url()):
        uncached_pages.get(url)
    return trip, action


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response.content.decode()


def test_an_edit_rebuilds_what_read_its_table_and_leaves_the_rest(
    roadmap_and_exchange, uncached_pages
):
    _, action = roadmap_and_exchange
    action.title = "Clean industry hub strategy"
    action.save()
    count, html = queries_for(uncached_pages, "/roadmap/")
    assert "Clean industry hub strategy" in html and count > 0
    with CaptureQueriesContext(connection) as queries:
        html = uncached_pages.get("/exchange/").content.decode()
    assert "Study tour of Danish industry" in html
    # Saving an action also renames its follow topic, so the sign-up form in the footer (which
    # lists topics) is rebuilt; the exchange's own content, which read no action, is not.
    assert [q["sql"] for q in queries if '"exchange_' in q["sql"]] == []


def test_a_relation_added_shows_at_once(roadmap_and_exchange, uncached_pages):
    from tests.assessment.factories import FindingFactory

    _, action = roadmap_and_exchange
    action.findings.add(FindingFactory(title="Waste heat is wasted"))
    assert "Waste heat is wasted" in uncached_pages.get(action.get_absolute_url()).content.decode()


def test_a_change_nobody_can_name_the_tables_of_makes_every_fragment_stale(
    roadmap_and_exchange, uncached_pages
):
    trip, _ = roadmap_and_exchange
    type(trip).objects.filter(pk=trip.pk).update(title="Renamed without signals")
    page_cache.bump_content_version()  # what a bulk change without signals must call
    count, html = queries_for(uncached_pages, "/exchange/")
    assert count > 0 and "Renamed without signals" in html


@pytest.fixture
def stored_trip(uncached_pages):
    from tests.exchange.factories import TripFactory

    trip = TripFactory(title="Study tour of Danish industry")
    url = trip.get_absolute_url()
    assert uncached_pages.get(url).status_code == 200
    assert queries_for(uncached_pages, url)[0] == 0  # row and page from what is stored
    return trip


def test_a_row_unpublished_after_its_page_was_stored_is_not_found(stored_trip, uncached_pages):
    url = stored_trip.get_absolute_url()
    stored_trip.status = "draft"
    stored_trip.save()
    assert uncached_pages.get(url).status_code == 404
    assert Client().get(url).status_code == 404  # and through the whole-page cache


def test_a_row_deleted_after_its_page_was_stored_is_not_found(stored_trip, uncached_pages):
    url = stored_trip.get_absolute_url()
    stored_trip.delete()
    assert uncached_pages.get(url).status_code == 404


def test_a_row_unpublished_without_signals_is_not_found(stored_trip, uncached_pages):
    url = stored_trip.get_absolute_url()
    type(stored_trip).objects.filter(pk=stored_trip.pk).update(status="draft")
    page_cache.bump_content_version()  # what a bulk change without signals must call
    assert uncached_pages.get(url).status_code == 404


def test_a_renamed_row_shows_its_new_title_at_once(stored_trip, uncached_pages):
    stored_trip.title = "Study tour, renamed"
    stored_trip.save()
    html = uncached_pages.get(stored_trip.get_absolute_url()).content.decode()
    assert "Study tour, renamed" in html and "Study tour of Danish industry" not in html


def test_a_list_page_past_the_end_is_not_found_once_the_list_shrinks(uncached_pages):
    from subscriptions.models import Update
    from tests.performance.test_public_pages import add_updates

    add_updates(21)  # 20 to a page
    assert uncached_pages.get("/updates/?page=2").status_code == 200
    assert queries_for(uncached_pages, "/updates/?page=2")[0] == 0  # the count is kept too
    Update.objects.earliest("sent_at").delete()
    assert uncached_pages.get("/updates/?page=2").status_code == 404


def test_a_value_is_remembered_per_address_and_language():
    def remember(path, language, value):
        request = RequestFactory().get(path)
        request.user = AnonymousUser()
        fragments.start(request)
        with translation.override(language):
            result = fragments.remember(request, "answer", lambda: value)
        if request.fragments_to_store:
            cache.set_many(request.fragments_to_store)
        return result

    cache.clear()
    assert remember("/a/", "en", 1) == 1
    assert remember("/a/", "en", 2) == 1  # kept: nothing it read has changed
    assert remember("/a/?page=2", "en", 3) == 3
    assert remember("/a/", "es", 4) == 4
    page_cache.bump_content_version()
    assert remember("/a/", "en", 5) == 5


def test_search_results_follow_the_index(uncached_pages):
    from tests.roadmap.factories import ActionFactory

    url = "/search/?q=Kalundborg"
    assert "Kalundborg symbiosis visit" not in uncached_pages.get(url).content.decode()
    ActionFactory(title="Kalundborg symbiosis visit")
    assert "Kalundborg symbiosis visit" in uncached_pages.get(url).content.decode()


def test_staff_never_read_or_write_fragments(editor_client, monkeypatch):
    from tests.exchange.factories import TripFactory

    url = TripFactory(title="Study tour", status="draft").get_absolute_url()
    stored = []
    monkeypatch.setattr(fragments, "_cache", lambda: StoreSpy(stored))
    assert "Draft preview" in editor_client.get(url).content.decode()
    assert stored == []  # (test_the_spy_sees_what_a_found_page_stores: it would see one)


def render_fragment(body):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    fragments.start(request)
    template = Template(
        "{% load fragments %}{% cached_fragment 'part' %}" + body + "{% endcached_fragment %}"
    )
    template.render(Context({"request": request, "csrf_token": "a-visitors-token"}))
    return request.fragments_to_store


def test_a_fragment_holding_a_csrf_token_is_never_stored():
    assert render_fragment("<p>Same for everyone</p>")  # the control: this one is kept
    assert render_fragment("<form>{% csrf_token %}</form>") == {}


def test_a_page_that_is_not_found_stores_nothing(uncached_pages, monkeypatch):
    stored = []
    monkeypatch.setattr(fragments, "_cache", lambda: StoreSpy(stored))
    assert uncached_pages.get("/no-such-page/").status_code == 404
    assert stored == []


class StoreSpy:
    def __init__(self, stored):
        self.stored = stored

    def __getattr__(self, name):
        return getattr(cache, name)

    def set_many(self, entries, *args, **kwargs):
        self.stored.append(entries)
        return cache.set_many(entries, *args, **kwargs)


def test_the_spy_sees_what_a_found_page_stores(uncached_pages, monkeypatch):
    stored = []
    monkeypatch.setattr(fragments, "_cache", lambda: StoreSpy(stored))
    assert uncached_pages.get("/accessibility/").status_code == 200
    assert stored  # so the test above could fail


def test_actions_table_is_one_the_fragments_follow():
    assert Action._meta.db_table in fragments.content_tables()
    assert "cleanindustry_searchdocument" in fragments.content_tables()
    assert "cleanindustry_contactmessage" not in fragments.content_tables()


def test_a_deploy_starts_pages_and_fragments_afresh(uncached_pages, monkeypatch):
    from tests.exchange.factories import TripFactory

    url = TripFactory(title="Study tour").get_absolute_url()
    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"
    uncached_pages.get(url)
    assert queries_for(uncached_pages, url)[0] == 0

    monkeypatch.setattr(fragments, "release", lambda: "the next release")
    assert queries_for(uncached_pages, url)[0] > 1  # rendered again, with the new templates
    assert Client().get(url)["X-Page-Cache"] == "miss"


class CallSpy:
    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        method = getattr(cache, name)

        def spied(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return spied


def test_a_stored_page_reads_its_fragments_with_the_versions_in_one_round_trip(
    uncached_pages, monkeypatch
):
    from tests.exchange.factories import TripFactory

    TripFactory(title="Study tour")
    uncached_pages.get("/exchange/")
    spy = CallSpy()
    monkeypatch.setattr(fragments, "_cache", lambda: spy)
    with CaptureQueriesContext(connection) as queries:
        html = uncached_pages.get("/exchange/").content.decode()
    assert "Study tour" in html and len(queries) == 0
    assert spy.calls == ["get_many"]  # nothing else read, nothing written
