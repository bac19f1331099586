# SearchDocument now lives in the search app (search/0001_initial): Django forgets it here,
# the table stays.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cleanindustry", "0005_search_document"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SearchDocument")],
        ),
    ]
