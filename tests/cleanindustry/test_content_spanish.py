"""load_initiative_content loads Spanish for everything it loads, and fills it in later runs."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from modeltranslation.translator import translator

from cleanindustry.models import Page
from roadmap.models import Action

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_initiative_content", stdout=out)
    return out.getvalue()


def missing_spanish() -> list[str]:
    """Every translated field, of every row, with English text and no Spanish text."""
    missing = []
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).fields
        for row in model._default_manager.all():
            missing += [
                f"{model._meta.label} {row.pk} {field}"
                for field in fields
                if getattr(row, f"{field}_en", None) and not getattr(row, f"{field}_es", None)
            ]
    return missing


def test_everything_loaded_has_its_spanish_text():
    load()
    assert missing_spanish() == []


def test_the_spanish_pages_show_the_spanish_content_without_a_notice():
    load()
    client = Client()
    action = Action.objects.get(slug="clean-industry-innovation-hub-strategy")
    pages = {
        "/es/about/": "Acerca de la Iniciativa de Industria Limpia",
        "/es/exchange/": "Viaje de estudio a Dinamarca",
        "/es/assessment/": "Ahorro de costos",
        "/es/roadmap/": "Construir un polo de innovación en industria limpia",
        f"/es{action.get_absolute_url()}": "Preparar una estrategia para que Portland",
    }
    for url, spanish in pages.items():
        html = client.get(url).content.decode()
        assert spanish in html, url
        assert "translation-notice" not in html, url


def test_a_rerun_creates_nothing_and_keeps_edits_in_both_languages():
    load()
    about = Page.objects.get(slug="about")
    about.title_en, about.title_es = "About us (edited)", "Quiénes somos (editado)"
    about.save()
    out = load()
    assert "0 created" in out and "0 given their missing Spanish text" in out
    about.refresh_from_db()
    assert (about.title_en, about.title_es) == ("About us (edited)", "Quiénes somos (editado)")


def test_a_database_loaded_in_english_only_gets_its_spanish_on_the_next_run():
    load()
    action = Action.objects.get(slug="review-findings-and-set-next-steps")
    Action.objects.filter(pk=action.pk).update(title_es=None, summary_es="", body_es=None)
    Action.objects.filter(pk=action.pk).update(title_en="Review the findings (edited)")
    out = load()
    assert "added Spanish to roadmap.Action slug=review-findings-and-set-next-steps" in out
    action.refresh_from_db()
    assert action.title_es.startswith("Revisar los hallazgos")
    assert action.summary_es and action.body_es
    assert action.title_en == "Review the findings (edited)"  # the English edit is kept
    assert missing_spanish() == []
