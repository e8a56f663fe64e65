"""Keep ``CollectionEntry`` rows equal to the live pages they describe.

One rule decides what a reader sees (see ``collection.py``): a reader in language ``xx`` sees
each asset once, its ``xx`` page where one is live (a translation or wagtail-localize's alias),
otherwise its source (the first created live page that is not an alias). ``entries_for`` applies
that rule to whole translation groups, so refreshing a group after any change to one of its
pages is always correct; ``signals.py`` calls ``refresh`` for the groups a change touches and
``manage.py refresh_collection`` rebuilds every group (after a bulk load, or to check).
"""

from __future__ import annotations

from django.db import transaction

from campaign import choices, geography
from campaign.languages import LANGUAGE_CODES

BATCH = 1000  # translation groups per refresh query


def mask(codes, vocabulary):
    """The bit mask of ``codes`` in ``vocabulary`` (codes, or (code, label) pairs), bit i for
    the i-th code; unknown codes are left out."""
    order = [item[0] if isinstance(item, tuple) else item for item in vocabulary]
    bits = 0
    for code in codes or ():
        if code in order:
            bits |= 1 << order.index(code)
    return bits


def codes_in(bits, vocabulary):
    """The codes of ``vocabulary`` whose bit is set in ``bits`` (the inverse of ``mask``)."""
    order = [item[0] if isinstance(item, tuple) else item for item in vocabulary]
    return [code for index, code in enumerate(order) if bits >> index & 1]


def _live_pages(keys):
    from twinit_pages.models import HeritageAssetPage

    pages = HeritageAssetPage.objects.live().public().select_related("locale")
    return pages.filter(translation_key__in=keys).only(
        "pk", "path", "title", "translation_key", "locale__language_code", "alias_of_id",
        "first_published_at", "heritage_type", "rights_uri", "priority_categories",
        "usage_areas", "models_3d",
    ).order_by("pk")


def _ar_models(pages):
    """Ids of the ready 3D models with an AR file among those the pages show."""
    from models3d.models import ThreeDModel
    from twinit_pages.queries import _model_ids

    ids = {pk for page in pages for pk in _model_ids(page)}
    if not ids:
        return set()
    return set(
        ThreeDModel.objects.filter(pk__in=ids, status=ThreeDModel.Status.READY)
        .exclude(ar_file="").values_list("pk", flat=True)
    )


def entries_for(pages):
    """Unsaved ``CollectionEntry`` rows for ``pages``: every live public page of the translation
    groups concerned (a group is decided as a whole: its source serves the languages its other
    pages do not)."""
    from twinit_pages.models import CollectionEntry
    from twinit_pages.queries import _model_ids

    groups = {}
    for page in pages:
        groups.setdefault(page.translation_key, []).append(page)
    countries = geography.countries_by_path({page.path[:-page.steplen] for page in pages})
    ar_models = _ar_models(pages)
    entries = []
    for group in groups.values():
        present = {page.locale.language_code for page in group}
        sources = [page for page in group if page.alias_of_id is None]
        source = min(sources, key=lambda page: page.pk) if sources else None
        readable = mask({page.locale.language_code for page in sources}, LANGUAGE_CODES)
        missing = mask(set(LANGUAGE_CODES) - present, LANGUAGE_CODES)
        for page in group:
            readers = mask([page.locale.language_code], LANGUAGE_CODES)
            if page is source:
                readers |= missing
            if not readers:
                continue
            entries.append(CollectionEntry(
                page_id=page.pk, translation_key=page.translation_key, readers=readers,
                country=mask([countries.get(page.path[:-page.steplen])], choices.MEMBER_STATES),
                heritage_type=mask([page.heritage_type], choices.HERITAGE_TYPES),
                rights=mask([page.rights_uri], choices.RIGHTS),
                priorities=mask(page.priority_categories, choices.PRIORITY_CATEGORIES),
                usages=mask(page.usage_areas, choices.USAGE_AREAS),
                languages=readable,
                ar=int(any(pk in ar_models for pk in _model_ids(page))),
                first_published_at=page.first_published_at, title=page.title,
            ))
    return entries


def refresh(translation_keys):
    """Rewrite the entries of these translation groups from their live pages."""
    from twinit_pages.models import CollectionEntry

    keys = list({key for key in translation_keys if key})
    for start in range(0, len(keys), BATCH):
        batch = keys[start:start + BATCH]
        entries = entries_for(list(_live_pages(batch)))
        with transaction.atomic():
            CollectionEntry.objects.filter(translation_key__in=batch).delete()
            CollectionEntry.objects.bulk_create(entries)


def refresh_all():
    """Rebuild every entry in one transaction (after a bulk load, or to repair): readers see
    the old entries until the new ones are all written. Returns the number of groups."""
    from twinit_pages.models import CollectionEntry, HeritageAssetPage

    keys = list(HeritageAssetPage.objects.order_by().values_list(
        "translation_key", flat=True).distinct())
    with transaction.atomic():
        CollectionEntry.objects.all().delete()
        refresh(keys)
    return len(keys)


def refresh_pages(pages):
    """Refresh the groups of these pages (any page type: others are ignored)."""
    refresh({getattr(page, "translation_key", None) for page in pages})


def refresh_under(page):
    """Refresh every asset group with a page under ``page`` (a move or a view restriction
    changes what is public below it)."""
    from twinit_pages.models import HeritageAssetPage

    refresh(HeritageAssetPage.objects.descendant_of(page, inclusive=True)
            .values_list("translation_key", flat=True).distinct())
