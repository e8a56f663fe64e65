"""The OAI-PMH item table: one row per asset that is or was public, kept by page signals.

A row is written when an asset (in its source locale) is published, and marked deleted when it
stops being public (unpublished, deleted, moved under a private section). Rows are never removed,
so harvesters learn about deletions however late they come back ("persistent" deleted records).
Publishing or unpublishing a translation touches the row of its source: the record changed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OAIRecord(models.Model):
    # The source-locale HeritageAssetPage; no foreign key, the page may be gone.
    page_id = models.BigIntegerField(_("asset page id"), unique=True)
    translation_key = models.UUIDField(_("translation key"), db_index=True)
    country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    datestamp = models.DateTimeField(_("datestamp"))
    deleted = models.BooleanField(_("deleted"), default=False)

    class Meta:
        verbose_name = _("OAI-PMH record")
        indexes = [
            models.Index(fields=["datestamp", "id"], name="europeana_oai_cursor"),
            models.Index(fields=["country", "datestamp", "id"], name="europeana_oai_set_cursor"),
        ]

    def __str__(self):
        return f"asset {self.page_id}{' (deleted)' if self.deleted else ''}"
