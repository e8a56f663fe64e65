"""Read-only queries the public pages share: what is live, counted once per asset, in SQL.

Every figure is an aggregate computed by the database and every listing fills its cards for a
whole page at once, so the cost of a page does not grow with the collection.
"""

from django.db.models import Count, Prefetch
from wagtail.images import get_image_model
from wagtail.models import Page

from campaign import choices, geography
from twinit_pages.models import AssetGalleryImage, HeritageAssetPage, MemberStatePage

# The rendition of a gallery image on a card (asset_card.html asks for the same filter).
CARD_IMAGE_FILTER = "fill-400x300"


def live_assets():
    return HeritageAssetPage.objects.live().public()


def asset_counts_by_country(language):
    """{ISO code: assets a reader of ``language`` finds there}: each asset once, in whichever
    language it was written, as the collection explorer counts them (one GROUP BY over the
    collection entries, whatever the size of the collection)."""
    from twinit_pages.collection import reader_entries
    from twinit_pages.collection_entries import codes_in

    rows = (reader_entries(language).order_by().values("country")
            .annotate(n=Count("page_id")).values_list("country", "n"))
    counts = {}
    for bits, n in rows:
        for code in codes_in(bits, choices.MEMBER_STATES):
            counts[code] = counts.get(code, 0) + n
    return counts


def campaign_counts(by_country):
    """Member States taking part (at least one published asset) and assets published, from
    ``asset_counts_by_country``."""
    return {"member_states": sum(1 for n in by_country.values() if n),
            "assets": sum(by_country.values())}


def member_states_in(locale, by_country):
    """Every live Member State page in a locale with its number of live assets, by name."""
    states = list(MemberStatePage.objects.live().public().filter(locale=locale))
    for state in states:
        state.asset_count = by_country.get(state.iso_code, 0)
    return sorted(states, key=lambda state: str(state.country_name))


def latest_assets(locale, limit=6, exclude_keys=()):
    assets = live_assets().filter(locale=locale).exclude(translation_key__in=exclude_keys)
    return with_cards(assets.select_related("locale").order_by("-first_published_at")[:limit])


def with_cards(assets):
    """The assets as a list, each with what its card shows (``card_poster``, ``card_image``,
    ``card_country``) filled for all of them in three queries, so a card costs none of its own.
    """
    from models3d.models import ThreeDModel
    from twinit_pages.models.asset import poster_of

    assets = list(assets)
    if not assets:
        return assets
    model_ids = {asset.pk: _model_ids(asset) for asset in assets}
    models = ThreeDModel.objects.in_bulk({pk for ids in model_ids.values() for pk in ids})
    images = {}
    for item in (
        AssetGalleryImage.objects.filter(page__in=[asset.pk for asset in assets])
        .order_by("page_id", "sort_order", "pk")
        .prefetch_related(Prefetch(
            "image", queryset=get_image_model().objects.prefetch_renditions(CARD_IMAGE_FILTER)
        ))
    ):
        images.setdefault(item.page_id, item)
    # The country in the reader's language (the vocabulary's label), whether or not its Member
    # State page is translated yet.
    parents = geography.countries_by_path({asset.path[: -Page.steplen] for asset in assets})
    for asset in assets:
        asset.card_poster = poster_of(models[pk] for pk in model_ids[asset.pk] if pk in models)
        asset.card_image = images.get(asset.pk)
        code = parents.get(asset.path[: -Page.steplen], "")
        asset.card_country = choices.label_for(choices.MEMBER_STATES, code) if code else ""
    return assets


def _model_ids(asset):
    """The 3D model ids of an asset's viewer blocks, in page order, read from the stored JSON
    (no query: the blocks' own values would fetch each model separately)."""
    ids = []
    for block in asset.models_3d.raw_data:
        model_id = (block.get("value") or {}).get("model")
        if isinstance(model_id, int) and model_id not in ids:
            ids.append(model_id)
    return ids



def more_from_country(page, limit=4):
    """Other live assets of the same Member State in the page's language, newest first."""
    assets = (
        live_assets().child_of(page.get_parent()).filter(locale_id=page.locale_id)
        .exclude(pk=page.pk).select_related("locale").order_by("-first_published_at")
    )
    return with_cards(assets[:limit])


def related_assets(page, limit=4, exclude_keys=()):
    """Live assets elsewhere sharing the heritage type or an intended usage area, in the page's
    language; the same country's assets are left to "more from this country"."""
    from django.db.models import Q

    similar = Q(heritage_type=page.heritage_type) if page.heritage_type else Q(pk__in=[])
    for area in page.usage_areas or []:
        similar |= Q(usage_areas__icontains=f'"{area}"')
    assets = (
        live_assets().filter(similar, locale_id=page.locale_id)
        .exclude(path__startswith=page.get_parent().path)
        .exclude(translation_key__in=list(exclude_keys))
        .select_related("locale").order_by("-first_published_at")
    )
    return with_cards(assets[:limit])
