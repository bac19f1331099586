"""Pages read in one of the interface's languages (the `language` fixture, tests/conftest.py)."""

from django.conf import settings

# What a Spanish page says when part of its content is still in English (and marked lang="en").
NOTICE = "Parte de esta página aún no está traducida"


def localised(path: str, language: str) -> str:
    """`path` (an English address, as reverse() and get_absolute_url() give it) in `language`."""
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


def get(client, path: str, language: str):
    """The page at `path` in `language`: (response, html), after checking it answered 200 in
    that language."""
    url = localised(path, language)
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'<html lang="{language}" dir="ltr">' in html, url
    return response, html
