"""What the explorer and the search count, filter and sort, one narrow row per live asset page.

Counting facets over the pages themselves meant, per request, two anti-joins over every
translation group (which page a reader of each language sees), a join to the wide asset table
and an expansion of two JSON lists per row: about 400 ms for a search matching all 50,000
assets. This table holds the outcome of those rules, kept up to date when a page, its group or
one of its 3D models changes (``twinit_pages/collection_entries.py`` and ``signals.py``), so a
count is a scan of a few megabytes grouped in one pass.

Every facet column is a bit mask over its vocabulary (``collection_entries.mask``: bit i for the
i-th code of ``campaign.choices``), single-valued ones included: one kind of column filters
(``mask & selected > 0``) and counts (a GROUP BY returns the few distinct masks, expanded in
Python) the same way, on PostgreSQL and SQLite alike, and a mask sorts in the vocabulary's order.
"""

from django.db import models
from wagtail.models import Page


class CollectionEntry(models.Model):
    page = models.OneToOneField(Page, primary_key=True, on_delete=models.CASCADE,
                                related_name="+")
    translation_key = models.UUIDField(db_index=True)
    # The reader languages this page is *the* page for (its own; for the source, also every
    # language the asset has no live page in), over campaign.languages.LANGUAGE_CODES.
    readers = models.IntegerField()
    country = models.IntegerField(db_index=True)  # MEMBER_STATES; a Member State lists its own
    heritage_type = models.IntegerField(default=0)  # HERITAGE_TYPES
    rights = models.IntegerField(default=0)  # RIGHTS
    priorities = models.IntegerField(default=0)  # PRIORITY_CATEGORIES
    usages = models.IntegerField(default=0)  # USAGE_AREAS
    # Languages the asset can be read in (its source and its live, reviewed translations).
    languages = models.IntegerField(default=0)
    ar = models.IntegerField(default=0)  # 1: one of its ready 3D models has an AR file
    first_published_at = models.DateTimeField(null=True)
    title = models.CharField(max_length=255)

    class Meta:
        # The explorer's default order: its first page of cards is 24 steps of this index.
        indexes = [models.Index(fields=["-first_published_at", "-page"], name="twinit_entry_newest")]
        verbose_name = "collection entry"
        verbose_name_plural = "collection entries"

    def __str__(self):
        return self.title
