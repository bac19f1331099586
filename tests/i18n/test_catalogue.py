"""`make test` fails while any interface string is untranslated, fuzzy or missing from a catalogue.

The catalogues are refreshed from a copy of the code in a temporary directory, exactly as
`make messages` would (so msgmerge adds new strings and marks changed ones fuzzy), and every
entry of every language must then carry a translation that is not fuzzy.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
NOT_SOURCE = {".git", ".venv", "node_modules", "static", "staticfiles", "var", "tests", "bench"}
needs_gettext = pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgmerge") is None,
    reason="needs GNU gettext (Debian package gettext), as `make messages` does",
)


@pytest.fixture(scope="module")
def refreshed_catalogues(tmp_path_factory) -> dict[str, polib.POFile]:
    copy = tmp_path_factory.mktemp("source") / "portal"
    skipped = shutil.ignore_patterns("*.mo", "*.pyc", "__pycache__")
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda folder, names: (
            {*skipped(folder, names), *(NOT_SOURCE & set(names) if Path(folder) == ROOT else ())}
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--all", "--add-location", "file",
         "--no-obsolete"],
        cwd=copy, check=True, capture_output=True,
        # The copy has no tests/: the project's own settings (the suite's put the key and
        # plain HTTP in the environment, which the command inherits).
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cleanindustry.settings"},
    )  # fmt: skip
    return {
        path.parent.parent.name: polib.pofile(str(path))
        for path in sorted((copy / "locale").glob("*/LC_MESSAGES/django.po"))
    }


@needs_gettext
def test_every_language_but_english_has_a_catalogue(refreshed_catalogues):
    expected = {translation.to_locale(code) for code, _ in settings.LANGUAGES} - {"en"}
    assert expected <= set(refreshed_catalogues)


def describe(entry: polib.POEntry) -> str:
    return f"{entry.msgid!r} ({', '.join(path for path, _ in entry.occurrences)})"


@needs_gettext
def test_every_string_is_translated_and_none_is_fuzzy(refreshed_catalogues):
    problems = []
    for language, catalogue in refreshed_catalogues.items():
        problems += [
            f"{language}: untranslated {describe(e)}" for e in catalogue.untranslated_entries()
        ]
        problems += [f"{language}: fuzzy {describe(e)}" for e in catalogue.fuzzy_entries()]
    assert not problems, "\n".join(problems[:50]) + f"\n({len(problems)} in all; `make messages`)"


@needs_gettext
def test_the_catalogue_is_not_empty(refreshed_catalogues):
    # A guard on the guard: extraction must really have found the interface strings.
    msgids = {entry.msgid for entry in refreshed_catalogues["es"]}
    assert {"Language", "Skip to main content", "Search"} <= msgids


# The site shell's files, as the catalogue names them.
SHELL_FILES = (
    "templates/base.html",
    "templates/404.html",
    "templates/cleanindustry/",  # the catalogue's paths until it is next refreshed
    "templates/pages/",
    "templates/core/",
    "templates/publishing/",
    "templates/search/",
    "templates/account/",
    "templates/media/",
    "templates/opendata/",
    "cleanindustry/",
    "pages/",
    "core/",
    "publishing/",
    "search/",
    "accounts/",
    "media/",
    "opendata/",
)


def test_every_shell_text_has_a_spanish_translation():
    # The catalogue as committed: it needs no GNU gettext.
    catalogue = polib.pofile(str(ROOT / "locale/es/LC_MESSAGES/django.po"))
    shell = [
        entry
        for entry in catalogue
        if any(path.startswith(SHELL_FILES) for path, _line in entry.occurrences)
    ]
    assert len(shell) > 100
    untranslated = [e.msgid for e in shell if not e.translated() or "fuzzy" in e.flags]
    assert untranslated == []
