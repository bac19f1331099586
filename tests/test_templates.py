"""Habits the templates keep."""

import re
from pathlib import Path

from django.template import engines

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ERROR_SUMMARY = TEMPLATES / "includes" / "_error_summary.html"
LOAD = re.compile(r"{%\s*load\s+([\w ]+?)\s*%}")


def test_the_form_error_summary_is_written_once_and_included():
    # Every form page lists its errors through includes/_error_summary.html, so that the markup
    # the accessibility tests check (announced, focused, linked to each field) lives in one place.
    writing_their_own = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if path != ERROR_SUMMARY and "field.errors" in path.read_text()
    ]
    assert writing_their_own == []
    assert "field.errors" in ERROR_SUMMARY.read_text()


def test_every_loaded_tag_library_is_used():
    libraries = engines["django"].engine.template_libraries
    unused = []
    for path in TEMPLATES.rglob("*.*"):
        text = path.read_text()
        body = LOAD.sub("", text)
        for name in " ".join(LOAD.findall(text)).split():
            library = libraries[name]
            used = [
                *(tag for tag in library.tags if re.search(rf"{{%\s*{tag}\b", body)),
                *(f for f in library.filters if re.search(rf"\|\s*{f}\b", body)),
            ]
            if not used:
                unused.append(f"{path.relative_to(TEMPLATES)}: {name}")
    assert unused == []
