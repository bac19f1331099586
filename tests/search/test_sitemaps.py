"""sitemap.xml and robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from roadmap.models import Action
from subscriptions.models import Update
from tests.roadmap.factories import ActionFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://portal.example.gov"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_sections_and_every_published_object_with_lastmod(client, content):
    draft = ActionFactory(status=Action.Status.DRAFT, title="A draft action", slug="draft-one")
    entries = sitemap_entries(client)
    for path in ["/", "/about/", "/exchange/", "/assessment/", "/roadmap/", "/contact/",
                 "/accessibility/", "/partners/", "/updates/", "/events/"]:  # fmt: skip
        assert SITE_URL + path in entries
    published = Action.objects.published()
    assert published.exists()
    for action in published:
        assert entries[SITE_URL + action.get_absolute_url()] is not None  # with a lastmod
    assert SITE_URL + draft.get_absolute_url() not in entries
    assert all(loc.startswith(SITE_URL + "/") and "#" not in loc for loc in entries)
    assert any("/exchange/trips/" in loc for loc in entries)
    assert any("/assessment/findings/" in loc for loc in entries)
    assert SITE_URL + "/events/city-council-work-session/" in entries


def test_robots_txt_allows_the_public_site_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    for private in ["/admin/", "/accounts/", "/updates/manage/"]:
        assert f"Disallow: {private}" in lines
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in lines


def test_the_archive_of_sent_updates_is_listed_but_not_drafts_or_digests(client):
    sent = Update.objects.create(
        subject="Kalundborg visit report", status=Update.Status.SENT, sent_at=timezone.now()
    )
    draft = Update.objects.create(subject="Not sent yet")
    digest = Update.objects.create(
        subject="This week", kind=Update.Kind.DIGEST, status=Update.Status.SENT,
        sent_at=timezone.now(),
    )  # fmt: skip
    entries = sitemap_entries(client)
    assert entries[SITE_URL + sent.get_absolute_url()] is not None  # with a lastmod
    assert SITE_URL + draft.get_absolute_url() not in entries
    assert SITE_URL + digest.get_absolute_url() not in entries
