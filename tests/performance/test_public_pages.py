"""Every public page type in one place: a small, fixed number of queries however much content
there is; whole-page caching for anonymous visitors that an edit invalidates at once, never
shares a cookie or token, and never serves staff; conditional GET; the front-end budget."""

import gzip
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from csp.middleware import CSPMiddleware
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.models import Finding
from core import cache as page_cache
from exchange.models import CollaborationTrack, Event, Recommendation, SiteVisit, Trip
from pages.models import Page
from publishing.models import ChangeNote
from roadmap.models import Action
from subscriptions.models import Topic, Update

pytestmark = pytest.mark.django_db
MAX_QUERIES = 10
PAGE_WEIGHT_BUDGET = 300 * 1024


def add_updates(n):
    topics = list(Topic.objects.filter(kind=Topic.Kind.SECTION)[:2])
    for _ in range(n):
        update = Update.objects.create(
            subject=f"Example update {Update.objects.count() + 1}",
            body_html="<p>Example update body.</p>",
            url="/roadmap/",
            status=Update.Status.SENT,
            sent_at=timezone.now(),
        )
        update.topics.set(topics)


def add_change_notes():
    """The newest major changes, each on a different type of item: the home page's costliest
    case (a query per type among the notes it lists)."""
    for model in (Trip, Finding, Event):
        ChangeNote.objects.create(content_object=first(model), text="Example major change.")


def seed(scale):
    call_command("seed_demo_data", scale=scale, allow_production=True, stdout=StringIO())
    add_updates(2 * scale)
    add_change_notes()


@pytest.fixture
def site():
    call_command("load_initiative_content", stdout=StringIO())
    seed(1)
    cache.clear()


def first(model, **filters):
    return model.objects.published().filter(**filters).order_by("pk").first()


def public_pages():
    """One URL per public page type (the detail pages: the first published row of each)."""
    topic = Topic.objects.filter(updates__status=Update.Status.SENT).first()
    return {
        "home": "/",
        "about": reverse("pages:about"),
        "exchange": reverse("exchange:index"),
        "partners": reverse("exchange:partners"),
        "trip": first(Trip).get_absolute_url(),
        "site-visit": first(SiteVisit).get_absolute_url(),
        "recommendation": first(Recommendation).get_absolute_url(),
        "track": first(CollaborationTrack).get_absolute_url(),
        "event": first(Event).get_absolute_url(),
        "events": reverse("exchange:events"),
        "assessment": reverse("assessment:index"),
        "finding": first(Finding).get_absolute_url(),
        "roadmap": reverse("roadmap:index"),
        "action": first(Action).get_absolute_url(),
        "updates": reverse("subscriptions:archive"),
        "updates-by-topic": f"{reverse('subscriptions:archive')}?topic={topic.slug}",
        "update": Update.objects.archived().order_by("pk").first().get_absolute_url(),
        "feed": reverse("subscriptions:feed"),
        "subscribe": reverse("subscriptions:subscribe"),
        "search": f"{reverse('search:search')}?q=example",
        "contact": reverse("pages:contact"),
    }


def count_queries(url):
    cache.clear()  # count the page's own work, not a cache hit
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("prefix", ["", "/es"], ids=["english", "spanish"])
def test_every_public_page_runs_few_queries_and_the_same_number_with_ten_times_the_rows(
    site, prefix
):
    pages = {name: prefix + url for name, url in public_pages().items()}
    before = {name: count_queries(url) for name, url in pages.items()}
    seed(9)  # ten times the example content in all
    after = {name: count_queries(url) for name, url in pages.items()}
    assert {name: n for name, n in after.items() if n > MAX_QUERIES} == {}
    assert after == before


# --- Page cache -------------------------------------------------------------------------------


@pytest.fixture
def trip():
    from tests.exchange.factories import TripFactory

    cache.clear()
    return TripFactory(title="Study tour of Danish industry")


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(trip):
    url = trip.get_absolute_url()
    assert Client().get(url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert b"Study tour of Danish industry" in response.content
    head = Client().head(url)
    assert head.status_code == 200 and head["X-Page-Cache"] == "hit"


def test_a_save_shows_on_the_public_page_at_once(trip):
    url = trip.get_absolute_url()
    Client().get(url)
    trip.title = "Study tour, revised"
    trip.save()
    response = Client().get(url)
    assert response["X-Page-Cache"] == "miss"
    assert b"Study tour, revised" in response.content


def test_an_edit_in_the_admin_shows_on_the_public_page_at_once(editor_client):
    from tests.exchange.factories import EventFactory
    from tests.publishing.test_admin import change_url, form_data

    cache.clear()
    event = EventFactory(title="Council session")
    visitor = Client()
    assert b"Council session" in visitor.get(event.get_absolute_url()).content
    assert visitor.get(event.get_absolute_url())["X-Page-Cache"] == "hit"
    response = editor_client.post(change_url(event), form_data(event, title="Council work session"))
    assert response.status_code == 302
    assert b"Council work session" in visitor.get(event.get_absolute_url()).content


def test_publishing_and_many_to_many_changes_invalidate(trip):
    from tests.exchange.factories import OrganisationFactory

    Client().get(reverse("exchange:partners"))
    version = page_cache.content_version()
    trip.organisations.add(OrganisationFactory(name="Aalborg Portland Cement"))
    assert page_cache.content_version() != version
    page = Page.objects.create(title="Accessibility", slug="about", summary="S", status="draft")
    Client().get("/about/")  # 404 for now: never stored
    from publishing import services as publishing

    publishing.publish(page)
    assert b"Accessibility" in Client().get("/about/").content


def test_a_sign_up_does_not_empty_the_cache(trip, django_capture_on_commit_callbacks):
    url = trip.get_absolute_url()
    Client().get(url)
    topic = Topic.objects.create(key="section:x", slug="x", title="X", kind=Topic.Kind.SECTION)
    Client().get(url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            reverse("subscriptions:subscribe"),
            {"email": "a@example.org", "topics": [topic.key], "frequency": "immediately"},
        )
    assert Client().get(url)["X-Page-Cache"] == "hit"


def test_staff_never_read_or_write_cached_pages(trip, editor_client):
    url = trip.get_absolute_url()
    response = editor_client.get(url)
    assert "X-Page-Cache" not in response
    assert Client().get(url)["X-Page-Cache"] == "miss"  # staff left nothing behind
    response = editor_client.get(url)
    assert "X-Page-Cache" not in response  # and read nothing


def test_a_visitor_with_a_message_waiting_is_not_served_a_cached_page(trip):
    url = trip.get_absolute_url()
    Client().get(url)
    visitor = Client()
    visitor.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in visitor.get(url)


def test_no_visitor_ever_receives_another_visitors_cookie_or_token(trip):
    url = trip.get_absolute_url()
    first_visit = Client().get(url)
    second_visit = Client().get(url)
    for response in (first_visit, second_visit):
        assert not response.cookies
        assert "Set-Cookie" not in response
        assert b"csrfmiddlewaretoken" not in response.content
    # A page with a CSRF token (the contact form) sets the cookie and is never stored.
    contact = [Client().get(reverse("pages:contact")) for _ in range(2)]
    assert all("X-Page-Cache" not in response for response in contact)
    tokens = [response.cookies["csrftoken"].value for response in contact]
    assert tokens[0] != tokens[1]


def test_forms_still_post(trip, django_capture_on_commit_callbacks):
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(trip.get_absolute_url())
    assert b'action="/updates/subscribe/"' in page.content
    topic = Topic.objects.create(key="section:y", slug="y", title="Y", kind=Topic.Kind.SECTION)
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            reverse("subscriptions:subscribe"),
            {"email": "b@example.org", "topics": [topic.key], "frequency": "immediately"},
        )
    assert response.status_code == 302  # sign-up needs no token (double opt-in, rate-limited)
    # Every other form keeps its CSRF check: the contact form refuses a post without a token.
    contact = {"name": "A", "email": "a@example.org", "subject": "S", "message": "M"}
    assert visitor.post(reverse("pages:contact"), contact).status_code == 403


def test_a_cached_page_keeps_the_csp_and_security_headers_it_was_answered_with(trip, monkeypatch):
    url = trip.get_absolute_url()
    miss = Client().get(url)
    policies_built = []
    build = CSPMiddleware.process_response
    monkeypatch.setattr(
        CSPMiddleware,
        "process_response",
        lambda *args: policies_built.append(args[1]) or build(*args),
    )
    hit = Client().get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert not policies_built  # stored with the page: a hit does not build it again
    assert hit["Content-Security-Policy"] == miss["Content-Security-Policy"]
    assert hit["Permissions-Policy"] == miss["Permissions-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert Client().get("/no-such-page/").status_code == 404
    assert len(policies_built) == 1  # every answer the cache does not give builds its own


def test_conditional_get_answers_304(trip):
    url = trip.get_absolute_url()
    etag = Client().get(url)["ETag"]
    assert etag
    assert Client().get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304  # from the cache
    cache.clear()
    assert Client().get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304  # rendered again


def test_a_finished_send_shows_in_the_cached_archive_at_once(db):
    from subscriptions import services
    from subscriptions.models import Update

    update = Update.objects.create(subject="Council work session recap", status="sending")
    Client().get("/updates/")  # cached without it
    assert "Council work session recap" not in Client().get("/updates/").content.decode()
    version = page_cache.content_version()

    assert services.finish_if_done(update_id=update.pk)  # no delivery left: sent
    assert page_cache.content_version() != version
    assert "Council work session recap" in Client().get("/updates/").content.decode()
    version = page_cache.content_version()
    assert not services.finish_if_done(update_id=update.pk)  # already sent: nothing changes
    assert page_cache.content_version() == version


def test_no_header_bypasses_the_page_cache(trip):
    url = trip.get_absolute_url()
    Client().get(url)
    assert Client().get(url, HTTP_X_BENCH_NO_CACHE="1")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("path", ["/bench/floor", "/bench/floor-cache-read"])
def test_the_benchmarks_floor_views_are_not_routed_in_production(path):
    assert Client().get(path).status_code == 404


# --- Front-end budget -------------------------------------------------------------------------


class Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.styles, self.scripts, self.images = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.styles.append(attrs)
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs)
        elif tag == "img":
            self.images.append(attrs)


def resources(html: bytes) -> Resources:
    parser = Resources()
    parser.feed(html.decode())
    return parser


def static_bytes(url: str) -> bytes:
    path = finders.find(url.removeprefix("/static/"))
    assert path, url
    with open(path, "rb") as file:
        return file.read()


def test_no_third_party_resources_and_scripts_do_not_block_rendering(site):
    for url in public_pages().values():
        found = resources(Client().get(url).content)
        for resource in [*found.styles, *found.scripts]:
            address = resource.get("href") or resource.get("src")
            assert address.startswith("/static/"), (url, address)  # our origin only
        for script in found.scripts:
            assert "defer" in script or "async" in script or script.get("type") == "module", url


def test_images_have_their_size_set(site):
    for url in public_pages().values():
        for image in resources(Client().get(url).content).images:
            assert image.get("width") and image.get("height"), (url, image)


def test_css_and_js_are_minified_or_small(site):
    """Vendor files are the .min builds; our own site.css stays small and is served compressed
    by WhiteNoise (gzip and brotli made at collectstatic), so it needs no minifier."""
    found = resources(Client().get("/").content)
    for url in [s["href"] for s in found.styles] + [s["src"] for s in found.scripts]:
        assert ".min." in url or len(static_bytes(url)) < 20 * 1024, url


def test_the_home_page_weighs_less_than_300_kb_as_transferred(site):
    """HTML, CSS and JS as a browser fetches them, gzip-compressed (WhiteNoise serves gzip and
    the smaller brotli files; a proxy compresses HTML). Images: the home page has none."""
    html = Client().get("/").content
    found = resources(html)
    files = [html] + [static_bytes(s["href"]) for s in found.styles]
    files += [static_bytes(s["src"]) for s in found.scripts]
    images = [static_bytes(i["src"]) for i in found.images if i["src"].startswith("/static/")]
    transferred = sum(len(gzip.compress(f, 9)) for f in files) + sum(map(len, images))
    assert transferred < PAGE_WEIGHT_BUDGET, transferred
    assert re.search(rb"<script[^>]+defer", html)
