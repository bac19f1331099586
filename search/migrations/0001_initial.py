# SearchDocument moves here from cleanindustry: the table (cleanindustry_searchdocument) stays
# as it is, only Django's record of the model, its content type and revisions change app.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from core.model_moves import relabel

MOVED = ["searchdocument"]


def move(apps, schema_editor):
    relabel(apps, schema_editor, old="cleanindustry", new="search", models=MOVED)


def move_back(apps, schema_editor):
    relabel(apps, schema_editor, old="search", new="cleanindustry", models=MOVED)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cleanindustry", "0005_search_document"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchDocument",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("entry", models.CharField(max_length=100)),
                        ("object_id", models.BigIntegerField()),
                        ("language", models.CharField(max_length=15)),
                        ("title", models.TextField()),
                        ("summary", models.TextField(blank=True)),
                        ("body", models.TextField(blank=True)),
                        ("url", models.CharField(max_length=500)),
                        ("title_lang", models.CharField(blank=True, max_length=15)),
                        ("snippet_lang", models.CharField(blank=True, max_length=15)),
                        ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="contenttypes.contenttype",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "cleanindustry_searchdocument",
                        "indexes": [
                            models.Index(
                                fields=["language", "entry"], name="search_document_language"
                            ),
                            django.contrib.postgres.indexes.GinIndex(
                                fields=["vector"], name="search_document_vector"
                            ),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("content_type", "object_id", "language"),
                                name="unique_search_document",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move, move_back),
    ]
