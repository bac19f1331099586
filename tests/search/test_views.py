import pytest

from assessment.models import Finding
from publishing import services as publishing

pytestmark = pytest.mark.django_db


def test_kalundborg_leads_to_the_exchange(client, content):
    response = client.get("/search/", {"q": "Kalundborg"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>Kalundborg</mark>" in html
    assert 'href="/partners/#kalundborg-symbiosis"' in html
    assert "<h1>Search results for “Kalundborg”</h1>" in html


def test_results_are_grouped_by_type(client, content):
    groups = dict(client.get("/search/", {"q": "Denmark"}).context["groups"])
    assert "Trips" in groups
    assert "Peer-to-peer learning" in groups or "Exchange programme" in groups
    assert any(r.url == "/exchange/trips/denmark-study-tour-june-2022/" for r in groups["Trips"])


def test_about_page_sections_are_found(client, content):
    groups = dict(client.get("/search/", {"q": "bachelor"}).context["groups"])
    assert any(r.url == "/about/#background" for r in groups["Page sections"])


def test_drafts_are_never_found(client, content):
    # (It searched "barriers carbon footprints", which no finding holds all of: it could not fail.)
    assert "Assessment findings" in dict(client.get("/search/", {"q": "carbon"}).context["groups"])
    for finding in Finding.objects.all():
        publishing.unpublish(finding)  # a save: the search index follows it
    groups = dict(client.get("/search/", {"q": "carbon"}).context["groups"])
    assert "Assessment findings" not in groups


def test_no_results_page_helps(client, content):
    response = client.get("/search/", {"q": "zzzqqq"})
    html = response.content.decode()
    assert "No results for “zzzqqq”" in html
    assert "Check the spelling" in html
    assert 'href="/roadmap/"' in html


def test_an_empty_query_shows_the_form_only(client):
    response = client.get("/search/", {"q": "   "})
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert 'role="search"' in response.content.decode()


def test_text_in_results_is_escaped(client, content):
    finding = Finding.objects.get(slug="cost-savings")
    finding.summary = "Savings <script>alert(1)</script> for businesses"
    finding.save()  # not a QuerySet.update(): the search index follows saves
    html = client.get("/search/", {"q": "savings"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_search_runs_one_query_whatever_the_number_of_content_types(client, content, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search import registry

    client.get("/search/")  # the navigation and footer, kept for every page from now on
    with CaptureQueriesContext(connection) as page_alone:
        client.get("/search/")
    with CaptureQueriesContext(connection) as with_results:
        response = client.get("/search/", {"q": "energy"})
    assert len(response.context["groups"]) > 1  # several content types found...
    assert len(with_results) - len(page_alone) == 1  # ...by one query
    with CaptureQueriesContext(connection) as queries:
        registry.search("energy")
    assert len(queries) == 1


def test_postgres_ranks_title_matches_first(client, content, postgres):
    Finding.objects.create(
        kind=Finding.Kind.LANDSCAPE,
        title="A finding about something else",
        slug="mentions-in-body-only",
        summary="Nothing here.",
        body="<p>Somewhere in the body it says hydrogen.</p>",
        status=Finding.Status.PUBLISHED,
    )
    Finding.objects.create(
        kind=Finding.Kind.OPPORTUNITY,
        title="Hydrogen for high-temperature heat",
        slug="hydrogen-title",
        summary="Could fuel processes electricity cannot.",
        status=Finding.Status.PUBLISHED,
    )
    groups = dict(client.get("/search/", {"q": "hydrogen"}).context["groups"])
    slugs = [r.url.rstrip("/").rsplit("/", 1)[-1] for r in groups["Assessment findings"]]
    assert slugs == ["hydrogen-title", "mentions-in-body-only"]
