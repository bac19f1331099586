"""load_initiative_content loads Spanish for everything it loads, and fills it in on later runs.

Every check walks modeltranslation's registry (translator.get_registered_models() and each
model's translation options), so a field added to a translation.py later is checked too.
"""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Model
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from modeltranslation.translator import translator

from assessment.models import Finding
from exchange.models import Component
from pages.models import Page, PageSection
from roadmap.models import Action, Theme
from tests.admin_forms import admin_edit

pytestmark = pytest.mark.django_db

LANGUAGES = settings.MODELTRANSLATION_LANGUAGES  # ("en", "es")


def load() -> str:
    out = StringIO()
    call_command("load_initiative_content", stdout=out)
    return out.getvalue()


def translated_rows():
    """(row, field) for every translated field of every row of every registered model."""
    for model in translator.get_registered_models():
        fields = list(translator.get_options_for_model(model).all_fields)
        for row in model._default_manager.order_by("pk"):
            for field in fields:
                yield row, field


def column(row: Model, field: str, language: str):
    return getattr(row, f"{field}_{language}")


def name(row: Model, field: str) -> str:
    return f"{row._meta.label} {row.pk} {field}"


def missing_spanish() -> list[str]:
    """Every translated field, of every row, with English text and no Spanish text."""
    return [
        name(row, field)
        for row, field in translated_rows()
        if column(row, field, "en") and not column(row, field, "es")
    ]


def clear_spanish() -> int:
    """Empty every Spanish column of every row, as on a database loaded before the Spanish."""
    cleared = 0
    for model in translator.get_registered_models():
        spanish = {}
        for field in translator.get_options_for_model(model).all_fields:
            model_field = model._meta.get_field(f"{field}_es")
            spanish[model_field.name] = None if model_field.null else ""
        cleared += model._default_manager.update(**spanish)
    assert missing_spanish(), "clearing the Spanish should leave English-only rows"
    return cleared


def test_everything_loaded_has_its_english_and_spanish_text():
    load()
    checked = [name(row, field) for row, field in translated_rows() if column(row, field, "en")]
    assert len(checked) > 100  # the walk does reach the loaded rows (pages, findings, actions...)
    assert missing_spanish() == []
    spanish_only = [
        name(row, field)
        for row, field in translated_rows()
        if column(row, field, "es") and not column(row, field, "en")
    ]
    assert spanish_only == []
    # The loaded rows include the topics the loader makes along the way (one per action).
    assert Action.objects.count() and all(action.title_es for action in Action.objects.all())


@pytest.mark.parametrize("language", LANGUAGES)
def test_english_goes_to_the_english_columns_whatever_the_active_language(language):
    with translation.override(language):
        load()
    about = Page.objects.get(slug="about")
    assert about.title_en == "About the Clean Industry Initiative"
    assert about.title_es == "Acerca de la Iniciativa de Industria Limpia"
    # The original column (what code without a language reads) holds the English, everywhere.
    for model in translator.get_registered_models():
        fields = list(translator.get_options_for_model(model).all_fields)
        for row in model._default_manager.values("pk", *fields, *(f"{f}_en" for f in fields)):
            for field in fields:
                if row[f"{field}_en"]:
                    assert row[field] == row[f"{field}_en"], (model, row["pk"], field)


def test_ensure_itself_writes_english_to_the_english_columns_in_spanish():
    """Not only the command: a content module's `load` called while Spanish is active."""
    from core.loading import LoadReport
    from pages.content import load as load_about

    report = LoadReport()
    with translation.override("es"):
        load_about(report)
    assert len(report.created) == 1 + PageSection.objects.count()
    row = Page.objects.filter(slug="about").values("title", "title_en", "title_es").get()
    assert row == {
        "title": "About the Clean Industry Initiative",
        "title_en": "About the Clean Industry Initiative",
        "title_es": "Acerca de la Iniciativa de Industria Limpia",
    }
    assert missing_spanish() == []


def test_the_spanish_pages_show_the_spanish_content_without_a_notice():
    load()
    about = Page.objects.get(slug="about")
    action = Action.objects.get(slug="clean-industry-innovation-hub-strategy")
    action_url = f"/es{action.get_absolute_url()}"  # before a request leaves Spanish active
    pages = {
        "/es/about/": [about, *PageSection.objects.filter(page=about)],
        "/es/exchange/": list(Component.objects.all()),
        "/es/assessment/": list(Finding.objects.filter(kind=Finding.Kind.BENEFIT)),
        "/es/roadmap/": [*Theme.objects.all(), *Action.objects.all()],
        action_url: [action],
    }
    client = Client()
    for url, rows in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="es" dir="ltr">' in html, url
        assert "translation-notice" not in html, url
        for row in rows:
            field = "heading" if isinstance(row, PageSection) else "title"
            spanish, english = column(row, field, "es"), column(row, field, "en")
            assert escape(spanish) in html, (url, spanish)
            assert escape(english) not in html, (url, english)
    # The action's own page shows its Spanish summary and body too.
    html = client.get(action_url).content.decode()
    assert escape(action.summary_es) in html
    assert "Intercambio de Conocimientos sobre Industria Limpia" in html


def test_a_rerun_creates_nothing_and_keeps_admin_edits_in_both_languages(admin_client):
    first = load()
    assert "0 translated" in first
    action = Action.objects.get(slug="review-findings-and-set-next-steps")
    findings = set(action.findings.all())
    admin_edit(
        admin_client,
        action,
        title_en="Review the findings with partners (edited)",
        title_es="Revisar los hallazgos con los socios (editado)",
        summary_es="Un resumen escrito por el personal.",
    )
    about = Page.objects.get(slug="about")
    about.title_en, about.title_es = "About us (edited)", "Quiénes somos (editado)"
    about.save()

    out = load()
    assert "Initiative content: 0 created" in out
    assert "0 translated" in out
    assert "added Spanish" not in out
    action.refresh_from_db()
    about.refresh_from_db()
    assert action.title_en == action.title == "Review the findings with partners (edited)"
    assert action.title_es == "Revisar los hallazgos con los socios (editado)"
    assert action.summary_es == "Un resumen escrito por el personal."
    assert set(action.findings.all()) == findings  # the admin form kept the links as they were
    assert (about.title_en, about.title_es) == ("About us (edited)", "Quiénes somos (editado)")


def test_a_database_loaded_in_english_only_gets_its_spanish_on_the_next_run(admin_client):
    load()
    rows_loaded = Action.objects.count()
    clear_spanish()
    action = Action.objects.get(slug="review-findings-and-set-next-steps")
    admin_edit(admin_client, action, title_en="Review the findings (edited)")
    finding = Finding.objects.get(slug="cost-savings")
    # One Spanish text written by staff before the rerun: it stays, the rest is filled in.
    Finding.objects.filter(pk=finding.pk).update(summary_es="Ahorrar dinero (escrito a mano).")

    out = load()
    assert "Initiative content: 0 created" in out
    # The summary counts the rows given Spanish, one line each above it.
    added = out.count("  added Spanish to ")
    assert added >= Action.objects.count() + Finding.objects.count()
    assert f"{added} translated (their missing Spanish text filled in)" in out
    assert "added Spanish to roadmap.Action slug=review-findings-and-set-next-steps" in out
    assert "added Spanish to pages.Page slug=about" in out
    assert Action.objects.count() == rows_loaded
    assert missing_spanish() == []

    action.refresh_from_db()
    assert action.title_es.startswith("Revisar los hallazgos")
    assert action.summary_es and action.body_es
    assert action.title_en == action.title == "Review the findings (edited)"  # kept
    assert action.summary_en.startswith("Key partners reviewed")
    finding.refresh_from_db()
    assert finding.summary_es == "Ahorrar dinero (escrito a mano)."
    assert finding.title_es == "Ahorro de costos"
    with translation.override("en"):
        url = f"/es{action.get_absolute_url()}"
    html = Client().get(url).content.decode()
    assert "Revisar los hallazgos" in html and "translation-notice" not in html

    # A third run has nothing left to fill.
    assert "0 translated" in load()
