"""Indexes for listings at campaign scale.

Every public page's navigation asks Wagtail for the live pages one level below the home page
(``depth = 3`` within the home's path range): without an index on (depth, path) that is a scan of
every page, 10-30 ms per request at 50,000 assets. A Member State page counts and lists the
collection entries of its country.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("twinit_pages", "0004_collection_entries"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="collectionentry",
            name="country",
            field=models.CharField(db_index=True, max_length=2),
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS twinit_page_depth_path ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS twinit_page_depth_path",
        ),
    ]
