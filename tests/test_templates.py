"""Habits the templates keep."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ERROR_SUMMARY = TEMPLATES / "includes" / "_error_summary.html"


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
