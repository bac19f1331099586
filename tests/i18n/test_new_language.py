"""A new language is one line in settings.LANGUAGES plus its catalogue: a pseudo-language proves it.

The pseudo-language "en-xa" turns every catalogue string into an accented, bracketed copy
("Search" -> "⟦Šéåřçĥ⟧"), so any interface text that is not marked for translation shows up as
plain English on its pages. Content has no columns in a new language (content languages are
settings.MODELTRANSLATION_LANGUAGES), so it must fall back to English, marked lang="en", with the
translation notice.
"""

import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.performance.test_public_pages import public_pages, seed

CODE, NAME = "en-xa", "Ƥšéûđô"
ACCENTED = dict(zip("aceinorsuyACEINORSUY", "åçéîñøřšûýÅÇÉÎÑØŘŠÛÝ", strict=True))
# Placeholders and markup pass through untouched: %(name)s, %s, {name}, <tags>, &entities;
UNTOUCHED = re.compile(r"%\([^)]+\)[a-z]|%[a-z%]|\{[^}]*\}|<[^>]+>|&[#\w]+;")
MARK = "⟦"


def pseudo(text: str) -> str:
    if not text:
        return text
    parts, last = [], 0
    for match in UNTOUCHED.finditer(text):
        parts.append("".join(ACCENTED.get(ch, ch) for ch in text[last : match.start()]))
        parts.append(match.group())
        last = match.end()
    parts.append("".join(ACCENTED.get(ch, ch) for ch in text[last:]))
    return f"{MARK}{''.join(parts)}⟧"


def pseudo_catalogue(sources: list[Path], target: Path) -> None:
    """Every msgid of our catalogue and of Django's own (month names, form errors), pseudo."""
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": CODE,
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    seen = set()
    for source in sources:
        for entry in polib.pofile(str(source)):
            key = (entry.msgctxt, entry.msgid)
            if key in seen or not entry.msgid:
                continue
            seen.add(key)
            new = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid)
            if entry.msgid_plural:
                new.msgid_plural = entry.msgid_plural
                new.msgstr_plural = {0: pseudo(entry.msgid), 1: pseudo(entry.msgid_plural)}
            else:
                new.msgstr = pseudo(entry.msgid)
            catalogue.append(new)
    target.mkdir(parents=True)
    catalogue.save(str(target / "django.po"))
    catalogue.save_as_mofile(str(target / "django.mo"))


@pytest.fixture
def new_language(settings, tmp_path):
    django_en = Path(django.__file__).parent / "conf/locale/en/LC_MESSAGES/django.po"
    ours = Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po"
    pseudo_catalogue([ours, django_en], tmp_path / "en_XA" / "LC_MESSAGES")
    # The one line a new language needs:
    settings.LANGUAGES = [*settings.LANGUAGES, (CODE, NAME)]
    # ... and its catalogue, which a real language keeps in locale/<code>/ (already listed).
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site(db):
    call_command("load_initiative_content", stdout=StringIO())
    seed(1)


def test_a_new_language_needs_no_migration(new_language, db):
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


class TextCollector(HTMLParser):
    """Visible text that is in the page's language: not in script/style, not inside an element
    that declares another language (content shown in English, the language switcher's names)."""

    SKIPPED = {"script", "style", "svg"}  # SVG charts are checked through their data tables
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "wbr",
    }

    def __init__(self, page_language):
        super().__init__()
        self.stack, self.page_language, self.texts = [], page_language, []
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("aria-label", "placeholder", "title", "alt"):
            if attrs.get(name):
                self.attributes.append((tag, name, attrs[name], self.foreign(attrs)))
        if tag not in self.VOID:
            self.stack.append((tag, attrs.get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def foreign(self, attrs=None):
        languages = [lang for _, lang in self.stack if lang] + [(attrs or {}).get("lang")]
        declared = [lang for lang in languages if lang]
        return bool(declared) and declared[-1] != self.page_language

    def handle_data(self, data):
        if any(tag in self.SKIPPED for tag, _ in self.stack) or self.foreign():
            return
        if re.search(r"[A-Za-z]{2,}", data):
            self.texts.append(data.strip())


# A piece of a pseudo string: a sentence split by a link in it loses its brackets, not its accents.
PSEUDO_PIECE = re.compile(f"[⟦⟧{''.join(ACCENTED.values())}]")


def untranslated_text(html: str) -> list[str]:
    collector = TextCollector(CODE)
    collector.feed(html)
    texts = [text for text in collector.texts if not PSEUDO_PIECE.search(text)]
    texts += [
        f"<{tag} {name}={value!r}>"
        for tag, name, value, foreign in collector.attributes
        # A feed's <link title> is the topic's name: content, which has no lang attribute there.
        if not foreign and tag != "link" and not PSEUDO_PIECE.search(value)
        if re.search(r"[A-Za-z]{2,}", value)
    ]
    return texts


# Text that is the same in every language: names and figures, not interface words.
SAME_IN_EVERY_LANGUAGE = re.compile(
    r"^(Clean Industry(?: Portland)?|Portland|CSV|JSON|RSS|Atom|PDDL[\w .]*|\d[\d\s.,%\u2013-]*|"
    r"[\w.+-]+@[\w.-]+|https?://\S+|311 \(503-823-4000\))$"
)


def test_every_public_page_speaks_the_new_language(new_language, site):
    client = Client()
    problems = {}
    for name, url in public_pages().items():
        response = client.get(f"/{CODE}{url}")
        assert response.status_code == 200, (name, url)
        if "html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        assert f'<html lang="{CODE}" dir="ltr">' in html, name
        left = [t for t in untranslated_text(html) if not SAME_IN_EVERY_LANGUAGE.match(t)]
        if left:
            problems[name] = left[:8]
    assert not problems, problems


def test_the_switcher_and_alternates_offer_the_new_language(new_language, site):
    english = Client().get("/").content.decode()
    assert f'hreflang="{CODE}" href="{settings.SITE_URL}/{CODE}/"' in english
    assert f'lang="{CODE}">{NAME}</a>' in english
    new = Client().get(f"/{CODE}/about/").content.decode()
    assert 'href="/about/" hreflang="en" lang="en">English</a>' in new
    assert f'aria-current="true">{NAME}</a>' in new


def test_content_without_a_translation_falls_back_to_english_with_a_notice(new_language, site):
    html = Client().get(f"/{CODE}{reverse('pages:about')}").content.decode()
    assert "translation-notice" in html
    assert re.search(r'<h1[^>]* lang="en"', html)


def test_the_new_language_is_offered_for_emails_and_used_in_them(
    new_language, site, eager_tasks, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from subscriptions.models import Subscriber, Topic

    cache.clear()  # sign-up rate limits count per IP in the cache: earlier tests signed up too
    url = f"/{CODE}{reverse('subscriptions:subscribe')}"  # reversed in English, then prefixed
    form = Client().get(url).content.decode()
    assert f'value="{CODE}"' in form  # offered, in the language list of the sign-up form
    topic = Topic.objects.get(key="section:roadmap")
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            url,
            {
                "email": "nguoi@example.org",
                "language": CODE,
                "topics": [topic.key],
                "frequency": "immediately",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    assert Subscriber.objects.get().language == CODE
    (message,) = mail.outbox
    assert MARK in message.subject
    assert f"/{CODE}/updates/" in message.body
