"""What the explorer and the search count, filter and sort, one narrow row per live asset page.

Counting facets over the pages themselves meant, per request, two anti-joins over every
translation group (which page a reader of each language sees), a join to the wide asset table
and an expansion of two JSON lists per row: about 400 ms for a search matching all 50,000
assets. This table holds the outcome of those rules, kept up to date when a page, its group or
one of its 3D models changes (``twinit_pages/collection_entries.py`` and ``signals.py``), so a
count is a scan of a few megabytes and one GROUP BY per facet.

The multi-valued facets are bit masks (``collection_entries.mask``): portable to SQLite, and a
GROUP BY over a mask counts every option at once (few distinct masks, expanded in Python).
"""

from django.db import models
from wagtail.models import Page


class CollectionEntry(models.Model):
    page = models.OneToOneField(Page, primary_key=True, on_delete=models.CASCADE,
                                related_name="+")
    translation_key = models.UUIDField(db_index=True)
    # The reader languages this page is *the* page for (its own; for the source, also every
    # language the asset has no live page in).
    readers = models.IntegerField()
    country = models.CharField(max_length=2, db_index=True)  # a Member State page lists its own
    heritage_type = models.CharField(max_length=40, blank=True)
    rights_uri = models.CharField(max_length=255, blank=True)
    priorities = models.IntegerField(default=0)
    usages = models.IntegerField(default=0)
    # Languages the asset can be read in: its source and its live, reviewed translations.
    languages = models.IntegerField(default=0)
    has_ar = models.BooleanField(default=False)
    first_published_at = models.DateTimeField(null=True)
    title = models.CharField(max_length=255)

    class Meta:
        verbose_name = "collection entry"
        verbose_name_plural = "collection entries"

    def __str__(self):
        return self.title
