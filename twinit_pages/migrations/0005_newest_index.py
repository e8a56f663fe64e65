"""The explorer's default order (newest first) reads its first page of cards from an index."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('twinit_pages', '0004_collection_entries'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='collectionentry',
            index=models.Index(fields=['-first_published_at', '-page'], name='twinit_entry_newest'),
        ),
    ]
