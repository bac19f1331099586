"""For migrations that add translated columns to rows that already exist."""

from django.db import migrations
from django.db.models import F


def copy_into_english(fields_by_model: dict[str, list[str]]) -> migrations.RunPython:
    """Fill the new `<field>_en` columns from the original column, so existing pages keep their
    English text (the historical models see the plain columns, not modeltranslation's)."""

    def forward(apps, schema_editor):
        for label, fields in fields_by_model.items():
            model = apps.get_model(label)
            for field in fields:
                model.objects.filter(**{f"{field}_en__isnull": True}).update(
                    **{f"{field}_en": F(field)}
                )

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)
