"""The admin in two languages (django-modeltranslation): English and Spanish side by side in tabs,
English required where the field is, Spanish optional, both cleaned and both searched."""

import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from modeltranslation.admin import TabbedDjangoJqueryTranslationAdmin, TranslationInlineModelAdmin
from modeltranslation.translator import translator

from pages.models import Page, PageSection
from publishing.admin_mixins import translated_lookups
from roadmap.models import Action
from subscriptions.models import Update
from tests.roadmap.factories import ActionFactory

pytestmark = pytest.mark.django_db

# The email update's form has a fieldset per language (subscriptions/admin.py), with the
# language's own note: its fields stay where they are rather than in tabs.
OWN_LANGUAGE_LAYOUT = {Update}


def test_every_admin_of_a_translated_model_shows_language_tabs():
    translated = set(translator.get_registered_models())
    seen = set()
    for model, model_admin in admin.site._registry.items():
        if model in translated and model not in OWN_LANGUAGE_LAYOUT:
            assert isinstance(model_admin, TabbedDjangoJqueryTranslationAdmin), model
            seen.add(model)
        for inline in model_admin.inlines:
            if inline.model in translated:
                assert issubclass(inline, TranslationInlineModelAdmin), inline
                assert isinstance(model_admin, TabbedDjangoJqueryTranslationAdmin), model
                seen.add(inline.model)
    assert {Action, Page, PageSection} <= seen


def test_the_tabs_load_jquery_ui_from_our_static_files(publisher_client):
    action = ActionFactory()
    response = publisher_client.get(reverse("admin:roadmap_action_change", args=[action.pk]))
    html = response.content.decode()
    assert settings.JQUERY_UI_URL == "vendor/jquery-ui/jquery-ui.tabs.js"
    assert '<script src="/static/vendor/jquery-ui/jquery-ui.tabs.js"' in html
    assert "/static/modeltranslation/js/tabbed_translation_fields.js" in html
    assets = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)
    assert assets and all(url.startswith("/") and not url.startswith("//") for url in assets)
    # The editor runs without the inline <style> the CSP refuses; its base rules are a file.
    assert "/static/js/prose-editor-csp.js" in html
    assert 'href="/static/vendor/prosemirror/prosemirror.css"' in html


def page_form(**changes):
    data = {
        "title_en": "About",
        "title_es": "",
        "slug": "about",
        "summary_en": "Who we are.",
        "summary_es": "",
        "status": "draft",
        "sections-TOTAL_FORMS": 1,
        "sections-INITIAL_FORMS": 0,
        "sections-0-heading_en": "Background",
        "sections-0-heading_es": "",
        "sections-0-anchor": "background",
        "sections-0-body_en": "<p>How it started.</p>",
        "sections-0-body_es": "",
        "sections-0-order": 0,
    }
    return {**data, **changes}


def test_english_is_required_where_the_field_is_and_spanish_is_optional(publisher_client):
    url = reverse("admin:pages_page_add")
    spanish_only = page_form(
        title_en="",
        title_es="Acerca de",
        **{"sections-0-heading_en": "", "sections-0-heading_es": "Antecedentes"},
    )
    response = publisher_client.post(url, spanish_only)
    assert response.status_code == 200 and not Page.objects.exists()
    assert "title_en" in response.context["adminform"].form.errors
    assert "title_es" not in response.context["adminform"].form.errors
    (section_errors,) = response.context["inline_admin_formsets"][0].formset.errors
    assert set(section_errors) == {"heading_en"}

    assert publisher_client.post(url, page_form()).status_code == 302
    page = Page.objects.get()
    assert (page.title_en, page.title_es or "") == ("About", "")
    section = page.sections.get()
    assert section.heading_en == "Background" and not section.heading_es


def test_spanish_rich_text_from_the_admin_is_cleaned(publisher_client):
    payload = (
        '<p onclick="steal()">Cómo empezó.</p><img src=x onerror="steal()"><script>steal()</script>'
    )
    response = publisher_client.post(
        reverse("admin:pages_page_add"),
        page_form(**{"sections-0-heading_es": "Antecedentes", "sections-0-body_es": payload}),
    )
    assert response.status_code == 302
    body = PageSection.objects.get().body_es
    assert "Cómo empezó." in body
    for unsafe in ("<script", "onclick", "onerror", "steal()"):
        assert unsafe not in body


def test_the_admin_search_finds_either_language(editor_client):
    ActionFactory(title_en="Hub strategy", title_es="Estrategia de industria limpia")
    ActionFactory(title_en="Heat pumps", title_es="")
    url = reverse("admin:roadmap_action_changelist")

    def found(q):
        response = editor_client.get(url, {"q": q})
        return sorted(action.title_en for action in response.context["cl"].result_list)

    assert found("limpia") == ["Hub strategy"]
    assert found("hub") == ["Hub strategy"]
    assert found("heat") == ["Heat pumps"]

    page = Page.objects.create(title="About", slug="about", summary="Who we are.")
    PageSection.objects.create(page=page, heading="Background", heading_es="Antecedentes")
    response = editor_client.get(reverse("admin:pages_page_changelist"), {"q": "antec"})
    assert list(response.context["cl"].result_list) == [page]


def test_search_fields_name_each_language():
    codes = [code.replace("-", "_") for code in settings.MODELTRANSLATION_LANGUAGES]

    def each(lookup: str) -> list[str]:
        return [lookup.format(code) for code in codes]

    assert translated_lookups(Page, ["title", "^slug", "sections__heading", "=image__alt"]) == [
        *each("title_{}"),
        "^slug",
        *each("sections__heading_{}"),
        *each("=image__alt_{}"),
    ]
    assert translated_lookups(Action, ["lead__name", "title__exact", "nowhere"]) == [
        *each("lead__name_{}"),
        *each("title_{}__exact"),
        "nowhere",
    ]


def test_slugs_fill_in_from_the_english_title_whatever_language_the_admin_starts_in():
    # modeltranslation picks the source field when the admin class is built, in the language
    # active then (settings.MODELTRANSLATION_PREPOPULATE_LANGUAGE pins it to English).
    from django.utils import translation

    for model, model_admin in admin.site._registry.items():
        with translation.override("es"):
            fresh = type(model_admin)(model, admin.site)
        for sources in fresh.prepopulated_fields.values():
            assert not any(source.endswith("_es") for source in sources), model


def test_admin_pages_carry_the_site_icon(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert 'rel="icon"' in html and "favicon" in html
