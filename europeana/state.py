"""Which assets are public, and keeping the OAI-PMH item table (OAIRecord) in step with pages.

An asset is public when its page is live, has no view restriction on itself or an ancestor, and
is the source-locale page (translations are part of their source's record, never records of
their own). ``sync_asset`` recomputes one asset's row; the signal handlers call it.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from campaign import geography
from twinit_pages.models import HeritageAssetPage

from .models import OAIRecord


def source_pages():
    """HeritageAssetPages that are the source of their translation group."""
    return geography.sources(HeritageAssetPage.objects.all())


def public_assets():
    """Live, unrestricted, source-locale assets: everything the open-data outputs may show."""
    return source_pages().live().public()


def is_public(page):
    if not page.live:
        return False
    restricted = PageViewRestriction.objects.filter(
        page__path__in=[page.path[:i] for i in range(Page.steplen, len(page.path) + 1,
                                                     Page.steplen)]
    )
    return not restricted.exists()


def sync_asset(translation_key, *, now=None, exclude_pk=None, touch=True):
    """Bring the OAIRecord of one translation group in line with its source page.

    With ``touch`` (a page of the group changed) the datestamp of a public record moves to now;
    without it only a change of public status (or country) writes.
    """
    now = now or timezone.now()
    pages = HeritageAssetPage.objects.filter(translation_key=translation_key)
    if exclude_pk is not None:
        pages = pages.exclude(pk=exclude_pk)
    source = geography.sources(pages).first()
    record = OAIRecord.objects.filter(translation_key=translation_key).first()
    if record is not None and source is not None and record.page_id != source.pk:
        # The source page was deleted: its record is deleted, the next page is no source.
        source = None
    public = source is not None and is_public(source)
    with transaction.atomic():
        if public and not touch and record is not None and not record.deleted:
            country = geography.country_of(source)
            if record.country != country:
                record.country = country
                record.datestamp = now
                record.save(update_fields=["country", "datestamp"])
        elif public:
            OAIRecord.objects.update_or_create(
                page_id=source.pk,
                defaults={"translation_key": translation_key, "country": geography.country_of(source),
                          "datestamp": now, "deleted": False},
            )
        elif record is not None and not record.deleted:
            record.deleted = True
            record.datestamp = now
            record.save(update_fields=["deleted", "datestamp"])


def sync_all():
    """Bring every row in line with the pages (after a bulk import or installing this app)."""
    keys = set(HeritageAssetPage.objects.values_list("translation_key", flat=True))
    keys |= set(OAIRecord.objects.values_list("translation_key", flat=True))
    for key in keys:
        sync_asset(key, touch=False)
