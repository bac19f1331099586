"""Made-up query strings cannot fill the cache: a page is stored per address and per value of
the query parameters its view reads, and a request with any other parameter stores nothing
(core/cache.py)."""

import random

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import resolve

from core.cache import params_read_by
from tests.performance.test_public_pages import public_pages, site  # noqa: F401

pytestmark = pytest.mark.django_db


def stored_keys() -> set:
    cache = caches["default"]
    if isinstance(cache, LocMemCache):
        return set(cache._cache)
    return set(cache._cache.get_client().keys("*"))


def made_up_query(rng, url) -> str:
    """A query parameter the page at `url` does not read: a random name, or one another page
    reads (`/roadmap/?q=...`), with a random value."""
    read = params_read_by(resolve(url.partition("?")[0]).func)
    token = f"{rng.getrandbits(64):x}"
    name = rng.choice([n for n in [token, "q", "page", "topic", "sector", "p"] if n not in read])
    return f"{url}{'&' if '?' in url else '?'}{name}={token}"


def test_a_thousand_made_up_query_strings_store_nothing(site):  # noqa: F811
    pages = list(public_pages().values())
    cached = {url for url in pages if Client().get(url).get("X-Page-Cache") == "miss"}
    assert len(cached) > len(pages) / 2
    stored = stored_keys()  # one entry per page

    rng = random.Random(14)
    for _ in range(1000):
        url = made_up_query(rng, rng.choice(pages))
        response = Client().get(url)
        assert response.status_code == 200, url

    assert stored_keys() - stored == set()


def test_a_parameter_the_page_does_not_read_is_answered_with_the_pages_entry(site):  # noqa: F811
    assert "X-Page-Cache" not in Client().get("/roadmap/?utm_source=newsletter")  # not stored
    assert Client().get("/roadmap/").get("X-Page-Cache") == "miss"
    response = Client().get("/roadmap/?utm_source=newsletter&x=1")
    assert response["X-Page-Cache"] == "hit"
    # The page as stored: its links do not carry the made-up parameters.
    assert b"utm_source" not in response.content
    # One the page does not read, though another page does, is no different.
    assert "X-Page-Cache" not in Client().get("/roadmap/?q=heat")


def test_the_parameters_a_page_reads_keep_its_entries_apart(site):  # noqa: F811
    first = Client().get("/search/?q=heat")
    assert first["X-Page-Cache"] == "miss"
    other = Client().get("/search/?q=jobs")
    assert other["X-Page-Cache"] == "miss" and other.content != first.content
    again = Client().get("/search/?utm_source=x&q=heat")
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
