"""The collection entries the explorer and the search count (models/collection_entry.py), and an
index for the navigation every public page shows.

An existing site gets its entries written here, from the live pages, by the same function the
page signals use; a new database has no asset and writes nothing.

Every public page's navigation asks Wagtail for the live pages one level below the home page
(``depth = 3`` within the home's path range): without an index on (depth, path) that is a scan of
every page, 10-30 ms per request at 50,000 assets.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    if not apps.get_model("twinit_pages", "HeritageAssetPage").objects.exists():
        return
    from twinit_pages.collection_entries import refresh_all

    refresh_all()


class Migration(migrations.Migration):

    dependencies = [
        ('twinit_pages', '0003_viewer_camera_views'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='CollectionEntry',
            fields=[
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('translation_key', models.UUIDField(db_index=True)),
                ('readers', models.IntegerField()),
                ('country', models.IntegerField(db_index=True)),
                ('heritage_type', models.IntegerField(default=0)),
                ('rights', models.IntegerField(default=0)),
                ('priorities', models.IntegerField(default=0)),
                ('usages', models.IntegerField(default=0)),
                ('languages', models.IntegerField(default=0)),
                ('ar', models.IntegerField(default=0)),
                ('first_published_at', models.DateTimeField(null=True)),
                ('title', models.CharField(max_length=255)),
            ],
            options={
                'verbose_name': 'collection entry',
                'verbose_name_plural': 'collection entries',
            },
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS twinit_page_depth_path ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS twinit_page_depth_path",
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
