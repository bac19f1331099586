# Page, PageSection and ContactMessage move here from cleanindustry: their tables
# (cleanindustry_page, ...) stay as they are, only Django's record of the models changes app,
# with their content types (and so permissions, among them publish_content, group rights,
# admin log entries and revisions) and the search index's labels.

import django.db.models.deletion
from django.db import migrations, models

import publishing.fields
from core.model_moves import relabel

MOVED = {"page": "Page", "pagesection": "PageSection", "contactmessage": "ContactMessage"}


def move(apps, schema_editor, old="cleanindustry", new="pages"):
    relabel(apps, schema_editor, old=old, new=new, models=list(MOVED))
    # The search index groups results by model label (search.registry).
    documents = apps.get_model("search", "SearchDocument").objects.using(
        schema_editor.connection.alias
    )
    for name in MOVED.values():
        documents.filter(entry=f"{old}.{name}").update(entry=f"{new}.{name}")


def move_back(apps, schema_editor):
    move(apps, schema_editor, old="pages", new="cleanindustry")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cleanindustry", "0006_searchdocument_moved_to_search"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("media", "0003_upload_validators"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ContactMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('name', models.CharField(max_length=200)),
                        ('email', models.EmailField(max_length=254)),
                        ('subject', models.CharField(max_length=200)),
                        ('message', models.TextField()),
                        ('status', models.CharField(choices=[('new', 'New'), ('answered', 'Answered')], db_index=True, default='new', max_length=20)),
                        ('notified_at', models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        'db_table': 'cleanindustry_contactmessage',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Page',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('scheduled', 'Scheduled'), ('published', 'Published')], db_index=True, default='draft', max_length=20)),
                        ('publish_at', models.DateTimeField(blank=True, help_text='For a scheduled item: when it goes public.', null=True, verbose_name='publish at')),
                        ('published_at', models.DateTimeField(blank=True, null=True)),
                        ('title', models.CharField(max_length=200)),
                        ('title_en', models.CharField(max_length=200, null=True)),
                        ('title_es', models.CharField(max_length=200, null=True)),
                        ('slug', models.SlugField(max_length=100, unique=True)),
                        ('summary', models.TextField(help_text='One or two plain sentences shown under the title.')),
                        ('summary_en', models.TextField(help_text='One or two plain sentences shown under the title.', null=True)),
                        ('summary_es', models.TextField(help_text='One or two plain sentences shown under the title.', null=True)),
                        ('image_description', models.CharField(blank=True, help_text="What the page's lead photo shows, for screen readers.", max_length=300)),
                        ('image_description_en', models.CharField(blank=True, help_text="What the page's lead photo shows, for screen readers.", max_length=300, null=True)),
                        ('image_description_es', models.CharField(blank=True, help_text="What the page's lead photo shows, for screen readers.", max_length=300, null=True)),
                        ('image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='media.image')),
                    ],
                    options={
                        'db_table': 'cleanindustry_page',
                        'ordering': ['title'],
                        'permissions': [('publish_content', 'Can publish, unpublish and schedule content')],
                    },
                ),
                migrations.CreateModel(
                    name='PageSection',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('heading', models.CharField(max_length=200)),
                        ('heading_en', models.CharField(max_length=200, null=True)),
                        ('heading_es', models.CharField(max_length=200, null=True)),
                        ('anchor', models.SlugField(help_text='The #fragment that links to this section.', max_length=100)),
                        ('body', publishing.fields.SanitizedHTMLField()),
                        ('body_en', publishing.fields.SanitizedHTMLField(null=True)),
                        ('body_es', publishing.fields.SanitizedHTMLField(null=True)),
                        ('order', models.PositiveSmallIntegerField(default=0)),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sections', to='pages.page')),
                    ],
                    options={
                        'db_table': 'cleanindustry_pagesection',
                        'ordering': ['page', 'order', 'pk'],
                        'constraints': [models.UniqueConstraint(fields=('page', 'anchor'), name='unique_section_anchor')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move, move_back),
    ]
