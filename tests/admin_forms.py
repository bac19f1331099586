"""Submitting an admin form as a browser would: every field as shown, plus the changes."""

import datetime

from django.db.models import Model
from django.urls import reverse


def change_url(obj: Model) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def shown_data(response) -> dict:
    """What the browser would post for the form (and its inlines) on an admin page."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field_name in form.fields:
            data.update(_posted(form[field_name]))
    return data


def submit(client, url: str, **changes):
    """GET the admin form at `url`, then POST it back as shown, with `changes`."""
    response = client.get(url)
    assert response.status_code == 200, response
    return client.post(url, {**shown_data(response), **changes})


def admin_edit(client, obj: Model, **changes) -> None:
    """Save `obj` through its admin change form, as staff do, with `changes` to the fields."""
    response = submit(client, change_url(obj), **changes)
    assert response.status_code == 302, form_errors(response)


def _posted(bound) -> dict:
    value = bound.value()
    widget = bound.field.widget
    if value is None or value is False:
        return {}
    if value is True:
        return {bound.html_name: "on"}
    if hasattr(widget, "widgets"):  # a split date and time
        parts = widget.decompress(value)
        return {
            f"{bound.html_name}_{i}": p.isoformat() if hasattr(p, "isoformat") else p
            for i, p in enumerate(parts)
            if p is not None
        }
    if isinstance(value, datetime.date):
        return {bound.html_name: value.isoformat()}
    if isinstance(value, list | tuple):
        return {bound.html_name: [str(getattr(v, "pk", v)) for v in value]}
    return {bound.html_name: value}


def form_errors(response):
    context = response.context or {}
    errors = [getattr(context.get("adminform"), "form", None)]
    errors = [form.errors for form in errors if form is not None]
    for inline in context.get("inline_admin_formsets", []):
        errors.append(inline.formset.errors)
    return errors
