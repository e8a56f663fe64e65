"""Records for many pages at once, with the related rows fetched in a handful of queries.

OAI-PMH pages, exports, the API and the benchmark build records through here; ``record_for``
on a single page gives the same result (tested), only with more queries.
"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Prefetch
from wagtail.models import Page

from campaign import geography
from twinit_pages.models import AssetElement, AssetGalleryImage, HeritageAssetPage

from .record import ready_models_for_pages, record_for
from .state import public_assets

# Editing and scheduling state that no export reads: not loading it makes each page cheaper.
UNUSED_COLUMNS = (
    "stories", "draft_title", "seo_title", "search_description", "go_live_at", "expire_at",
    "expired", "locked", "locked_at", "locked_by", "latest_revision", "latest_revision_created_at",
    "live_revision", "has_unpublished_changes", "owner", "show_in_menus",
)


def with_related(queryset):
    """A HeritageAssetPage queryset with what record_for reads joined or prefetched."""
    return queryset.defer(*UNUSED_COLUMNS).select_related(
        "locale", "institution", "institution__locale"
    ).prefetch_related(
        Prefetch("elements", queryset=AssetElement.objects.order_by("sort_order")),
        Prefetch(
            "gallery_images",
            queryset=AssetGalleryImage.objects.select_related("image").order_by("sort_order"),
        ),
    )


def translations_by_key(pages):
    """{translation_key: [live, public translations in other locales]} for these pages."""
    keys = {page.translation_key for page in pages}
    ids = {page.pk for page in pages}
    if not keys:
        return {}
    translations = (
        HeritageAssetPage.objects.filter(translation_key__in=keys).exclude(pk__in=ids)
        .live().public().select_related("locale")
        .prefetch_related(Prefetch("elements", queryset=AssetElement.objects.order_by("sort_order")))
        .order_by("locale__language_code")
    )
    grouped = defaultdict(list)
    for translation in translations:
        grouped[translation.translation_key].append(translation)
    return grouped


def countries_by_parent_path(pages):
    return geography.countries_by_path({page.path[: -Page.steplen] for page in pages})


def records_for(pages, *, request=None, countries=None):
    """AssetRecords of already-fetched, public source pages (ideally from ``with_related``)."""
    pages = list(pages)
    translations = translations_by_key(pages)
    parents = countries_by_parent_path(pages) if countries is None else {}
    cache = request if request is not None else SimpleNamespace()
    models = ready_models_for_pages(pages)
    records = []
    for page in pages:
        country = (
            countries.get(page.pk) if countries is not None
            else parents.get(page.path[: -Page.steplen], "")
        )
        try:
            url = page.get_full_url(cache)
        except Exception:  # noqa: BLE001 - no Site: record_for falls back to our id URL
            url = None
        records.append(record_for(
            page, translations=translations.get(page.translation_key, []), country=country,
            page_url=url or None, models=models.get(page.pk),
        ))
    return records


BATCH = 200


def assets_in(country=None):
    """Public source assets, of one Member State if given, by primary key."""
    pages = public_assets()
    if country:
        pages = geography.pages_in(country, pages)
    return pages.order_by("pk")


def batches(queryset, size=BATCH):
    """Pages in batches by primary key, so memory stays flat however large the collection."""
    last = 0
    while True:
        batch = list(with_related(queryset.filter(pk__gt=last))[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk
