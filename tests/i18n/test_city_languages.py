"""The City's eleven languages (issue 19): every public page and the sign-up's confirmation in
each, right to left in Arabic, honest about who translated, searchable, and editable by staff
who choose the languages they write in."""

import datetime
import re
from io import StringIO

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from pages import language_access
from roadmap.models import Action
from search import index
from subscriptions.models import Subscriber, Topic
from tests.languages import localised
from tests.performance.test_public_pages import public_pages, seed
from tests.roadmap.factories import ActionFactory

pytestmark = pytest.mark.django_db

# The City of Portland's Title VI list: English and ten languages.
CITY_LANGUAGES = ["en", "es", "vi", "zh-hans", "ru", "ro", "uk", "ja", "so", "ar", "lo"]
# How many plural forms each language's grammar has (gettext's rules).
PLURAL_FORMS = {"es": 3, "vi": 1, "zh_Hans": 1, "ru": 3, "ro": 3, "uk": 3, "ja": 1, "so": 2,
                "ar": 6, "lo": 1}  # fmt: skip
CATALOGUES = {
    path.parent.parent.name: polib.pofile(str(path))
    for path in sorted((settings.BASE_DIR / "locale").glob("*/LC_MESSAGES/django.po"))
}


def direction(code: str) -> str:
    return "rtl" if code == "ar" else "ltr"


def said_in(code: str, text: str) -> str:
    with translation.override(code):
        return translation.gettext(text)


@pytest.fixture
def site(db):
    call_command("load_initiative_content", stdout=StringIO())
    seed(1)
    cache.clear()
    yield
    cache.clear()


def test_the_interface_offers_the_citys_list():
    assert [code for code, _ in settings.LANGUAGES] == CITY_LANGUAGES
    assert list(settings.MODELTRANSLATION_LANGUAGES) == CITY_LANGUAGES


@pytest.mark.parametrize("locale", sorted(PLURAL_FORMS))
def test_each_catalogue_says_who_translated_it_and_whether_it_was_reviewed(locale):
    header = CATALOGUES[locale].metadata
    assert header["X-Translated-By"].strip()
    status = header["X-Review-Status"]
    # "not reviewed", or "reviewed <date> by <who>": never a bare claim.
    assert status == "not reviewed" or re.fullmatch(r"reviewed \d{4}-\d{2}-\d{2} by .+", status)
    assert f"nplurals={PLURAL_FORMS[locale]};" in header["Plural-Forms"]


def test_every_public_page_in_every_language(site):
    """Each page answers in the language: lang, dir, Content-Language, its own words, and the
    line saying the translation is not reviewed yet (in that language, with the phone line)."""
    client = Client()
    pages = public_pages()
    problems = []
    for code in CITY_LANGUAGES:
        skip_link = said_in(code, "Skip to main content")
        notice = said_in(code, "This site's menus, labels and messages were translated by machine "
                               "(an AI model) and have not yet been reviewed by the City. Free "
                               "interpretation:")  # fmt: skip
        for name, url in pages.items():
            response = client.get(localised(url, code))
            if response.status_code != 200:
                problems.append(f"{code} {name}: {response.status_code}")
                continue
            if "html" not in response["Content-Type"]:
                continue
            html = response.content.decode()
            assert response["Content-Language"] == code, (code, name)
            if f'<html lang="{code}" dir="{direction(code)}">' not in html:
                problems.append(f"{code} {name}: no lang/dir")
            if skip_link not in html:
                problems.append(f"{code} {name}: not in its language")
            if (code != "en") != (notice in html):
                problems.append(f"{code} {name}: review notice wrong")
    assert problems == []


def test_arabic_pages_load_bootstraps_right_to_left_stylesheet(site):
    arabic = Client().get("/ar/").content.decode()
    english = Client().get("/").content.decode()
    assert "bootstrap.rtl.min.css" in arabic and "bootstrap.rtl.min.css" not in english


def test_a_language_marked_reviewed_drops_the_notice(site, monkeypatch):
    monkeypatch.setattr(
        language_access,
        "catalogue_header",
        lambda code: {"x-review-status": "reviewed 2027-01-15 by Language Access Program"},
    )
    assert "review-notice" not in Client().get("/vi/").content.decode()
    assert language_access.is_reviewed("vi")


def test_the_switcher_is_a_menu_of_every_language_in_its_own_script(site):
    html = Client().get("/ar/about/").content.decode()
    menu = re.search(r'<details class="language-menu">.*?</details>', html, re.S)
    assert menu, "the languages are a disclosure menu"
    for code, name in settings.LANGUAGES:
        url = localised("/about/", code)
        link = rf'<a href="{url}" hreflang="{code}" lang="{code}"[^>]*>{name}</a>'
        assert re.search(link, menu[0]), code
    assert 'lang="ar" dir="rtl" aria-current="true">العربية</a>' in menu[0]
    for code, _ in settings.LANGUAGES:
        assert f'hreflang="{code}" href="{settings.SITE_URL}{localised("/about/", code)}"' in html


def test_the_sitemap_lists_every_language(site):
    xml = Client().get("/sitemap.xml").content.decode()
    for code in CITY_LANGUAGES:
        assert f'hreflang="{code}" href="{settings.SITE_URL}{localised("/roadmap/", code)}"' in xml


def test_a_subscriber_in_each_language_gets_the_confirmation_in_it(
    content, eager_tasks, django_capture_on_commit_callbacks
):
    topic = Topic.objects.get(key="section:roadmap")
    subscribe = reverse("subscriptions:subscribe")
    for code in CITY_LANGUAGES:
        cache.clear()  # sign-up limits count per IP
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post(
                localised(subscribe, code),
                {"email": f"reader-{code}@example.org", "topics": [topic.key],
                 "frequency": "immediately", "language": code},
            )  # fmt: skip
        assert response.status_code == 302, code
        assert Subscriber.objects.get(email=f"reader-{code}@example.org").language == code
        (message,) = mail.outbox
        assert message.subject == said_in(code, "Confirm your Clean Industry email updates")
        html = next(body for body, kind in message.alternatives if kind == "text/html")
        assert f'<html lang="{code}" dir="{direction(code)}">' in html, code
        assert message.extra_headers["Content-Language"] == code
        assert localised("/updates/", code) in message.body, code


def test_dates_and_numbers_follow_each_language():
    day = datetime.date(2026, 12, 5)
    shown = {}
    for code in CITY_LANGUAGES:
        with translation.override(code):
            shown[code] = formats.date_format(day)
    assert shown["en"] == "Dec. 5, 2026"
    assert shown["ja"] == "2026年12月5日" and shown["zh-hans"] == "2026年12月5日"
    # Somali and Lao, which Django has no formats for: ours, with the catalogue's month names.
    for code in ("so", "lo"):
        assert shown[code] == f"5 {said_in(code, 'December')} 2026", shown[code]
    assert len(set(shown.values())) >= 8  # not English everywhere
    with translation.override("lo"):
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1.234,5"


def test_search_uses_each_languages_dictionary_or_its_text(content, postgres):
    ActionFactory(
        status="published",
        title="Industrial heat pumps",
        title_ru="Промышленные тепловые насосы",
        title_zh_hans="工业热泵试点",
        title_lo="ປັ໊ມຄວາມຮ້ອນອຸດສາຫະກຳ",
    )
    index.rebuild()
    client = Client()
    search = reverse("search:search")  # in English: a request leaves its language active

    def finds(code, query):
        html = client.get(localised(search, code), {"q": query}).content
        return "/roadmap/actions/" in html.decode()

    assert finds("ru", "насос")  # Russian stemming: another form of the word
    assert finds("zh-hans", "热泵")  # a word inside a sentence written without spaces
    assert finds("lo", "ຄວາມຮ້ອນ")
    assert finds("vi", "heat pumps")  # not translated: found by its English text
    assert not finds("zh-hans", "风能")


def test_staff_see_english_and_their_languages_and_keep_the_others(admin_client, content):
    action = Action.objects.published().first()
    Action.objects.filter(pk=action.pk).update(title_ar="عنوان عربي")
    url = reverse("admin:roadmap_action_change", args=[action.pk])
    form = admin_client.get(url).content.decode()
    assert "mt-field-title-es" in form  # the default choice: Spanish
    assert "mt-field-title-ar" not in form
    assert re.search(r'<input type="hidden" name="title_ar" value="عنوان عربي"', form)

    response = admin_client.post(
        reverse("admin:accounts_editing_languages"), {"languages": ["ar", "vi"]}
    )
    assert response.status_code == 302
    form = admin_client.get(url).content.decode()
    assert "mt-field-title-ar" in form and "mt-field-title-vi" in form
    assert "mt-field-title-es" not in form


def test_notes_written_per_language_follow_the_staff_choice_too(admin_client, content):
    """The notes outside the model's fields: why a status or a target date changed (the action
    and each milestone row) and, for a published page, the change note."""
    action = Action.objects.published().first()
    url = reverse("admin:roadmap_action_change", args=[action.pk])

    def note_inputs(form: str, language: str) -> dict[str, str]:
        suffix = language.replace("-", "_")
        names = ("history_note", "milestones-0-target_note", "change_note")
        return {
            name: re.search(rf'<input type="(\w+)" name="{name}_{suffix}"', form).group(1)
            for name in names
        }

    form = admin_client.get(url).content.decode()
    assert set(note_inputs(form, "es").values()) == {"text"}  # the default choice: Spanish
    assert set(note_inputs(form, "ar").values()) == {"hidden"}
    assert set(note_inputs(form, "en").values()) == {"text"}

    admin_client.post(reverse("admin:accounts_editing_languages"), {"languages": ["ar"]})
    form = admin_client.get(url).content.decode()
    assert set(note_inputs(form, "ar").values()) == {"text"}
    assert set(note_inputs(form, "es").values()) == {"hidden"}
    assert 'name="history_note_ar"' in form and "(العربية, optional)" in form


def test_staff_choose_only_languages_the_portal_has(admin_client):
    response = admin_client.post(reverse("admin:accounts_editing_languages"), {"languages": ["xx"]})
    assert response.status_code == 200
    assert response.context["form"].errors["languages"]
