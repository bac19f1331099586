# Page, PageSection and ContactMessage now live in the pages app (pages/0001_initial): Django
# forgets them here, the tables stay.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cleanindustry", "0006_searchdocument_moved_to_search"),
        ("pages", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PageSection"),
                migrations.DeleteModel(name="Page"),
                migrations.DeleteModel(name="ContactMessage"),
            ],
        ),
    ]
