"""Help where staff need it (issue 18, item 4): the staff guide, linked from every change form
and from the staff home, and help text on every content field an editor sees."""

import pytest
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.test import RequestFactory
from django.urls import reverse
from modeltranslation.translator import NotRegistered, translator

pytestmark = pytest.mark.django_db

CONTENT_APPS = ("exchange", "assessment", "roadmap", "pages", "media")
CONTENT_MODELS = {"subscriptions.update"}
NOT_CONTENT = {"pages.contactmessage"}  # a visitor's message in the inbox, shown as written
# Kept by the machine, shown read-only: they say what they are.
SELF_EVIDENT = {"created_at", "updated_at"}


def content_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if (model._meta.app_label in CONTENT_APPS or model._meta.label_lower in CONTENT_MODELS)
        and model._meta.label_lower not in NOT_CONTENT
    ]


def model_field(model, name):
    """The model field behind a form field (title_es -> title), or None for a form's own."""
    try:
        original = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        original = {}
    for base in original:
        if name.startswith(f"{base}_") and name[len(base) + 1 :] in ("en", "es"):
            name = base
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def fields_an_editor_sees(request, model_admin):
    """(model, field name) of the change form and its inlines, as an editor gets them."""
    seen = []
    for admin_ in [model_admin, *model_admin.get_inline_instances(request)]:
        if not hasattr(admin_, "get_form"):  # an inline
            names = set(admin_.get_formset(request).form.base_fields)
        else:
            names = set(admin_.get_form(request).base_fields)
        names |= set(admin_.get_readonly_fields(request))
        for name in names:
            field = model_field(admin_.model, name)
            if field is not None and field.name not in SELF_EVIDENT:
                seen.append((admin_.model, field))
    return seen


def test_every_content_field_an_editor_sees_says_where_it_appears(editor):
    request = RequestFactory().get("/admin/")
    request.user = editor.user
    missing = sorted(
        {
            f"{model._meta.label}.{field.name}"
            for _model, model_admin in content_admins()
            for model, field in fields_an_editor_sees(request, model_admin)
            if not str(field.help_text).strip()
        }
    )
    assert missing == []


def test_the_guide_renders_for_an_editor_with_each_topic(editor):
    response = editor.get(reverse("admin:staffhome_guide"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div id="content-main" class="staff-guide">' in html
    for section in ("publishing", "changes", "updates", "alt-text", "documents"):
        assert f'<section id="{section}"' in html
    for words in ("Scheduled", "change note", "test copy", "digest", "alt text", "HTML version"):
        assert words in html


def test_the_guide_is_for_staff_only(client):
    response = client.get(reverse("admin:staffhome_guide"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_every_change_form_and_the_staff_home_link_to_the_guide(superuser):
    guide = f'href="{reverse("admin:staffhome_guide")}"'
    assert guide in superuser.get(reverse("admin:index")).content.decode()
    request = RequestFactory().get("/admin/")
    request.user = superuser.user
    forms = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_add_permission(request)
    ]
    assert len(forms) > 15
    for url in forms:
        response = superuser.get(url)
        assert response.status_code == 200, url
        assert guide in response.content.decode(), url
