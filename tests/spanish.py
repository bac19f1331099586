"""Shared by the Spanish page tests of the content apps."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

NOTICE = "Parte de esta página aún no está traducida"


@pytest.fixture(autouse=True)
def _fresh_cache_and_english_outside_requests():
    """Pages are cached for anonymous visitors; and a request to /es/ leaves Spanish active in
    this thread, so rows made after it would be written to the Spanish fields."""
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


def get(client, url):
    """A Spanish page: (response, html), after checking it answered 200 in Spanish."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert '<html lang="es">' in html
    return response, html
