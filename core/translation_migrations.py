"""For migrations that add translated columns to rows that already exist."""

from django.conf import settings
from django.db import migrations
from django.db.models import F


def copy_into_english(fields_by_model: dict[str, list[str]]) -> migrations.RunPython:
    """Fill the new `<field>_en` columns from the original column, so existing pages keep their
    English text (the historical models see the plain columns, not modeltranslation's).

    A field with a default (an organisation's country, "United States") had the default written
    into every new column of the existing rows by AddField: its English is copied over that
    default, and its other languages are emptied, as no one has written them yet."""

    def forward(apps, schema_editor):
        for label, fields in fields_by_model.items():
            model = apps.get_model(label)
            for field in fields:
                english = model._meta.get_field(f"{field}_en")
                if not english.has_default():
                    model.objects.filter(**{f"{english.name}__isnull": True}).update(
                        **{english.name: F(field)}
                    )
                    continue
                others = {
                    f"{field}_{code.replace('-', '_')}"
                    for code in settings.MODELTRANSLATION_LANGUAGES
                } - {english.name}
                others = [f.name for f in model._meta.get_fields() if f.name in others]
                model.objects.update(**{english.name: F(field)}, **dict.fromkeys(others))

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)
