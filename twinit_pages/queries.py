"""Read-only queries the public pages share: what is live, counted once per asset."""

from collections import Counter

from wagtail.models import Page

from twinit_pages.models import HeritageAssetPage, MemberStatePage


def live_assets():
    return HeritageAssetPage.objects.live().public()


def live_asset_counts_by_parent():
    """{parent page path: number of live assets under it}, in one query (assets are leaves)."""
    return Counter(path[: -Page.steplen] for path in live_assets().values_list("path", flat=True))


def campaign_counts():
    """Member States taking part (at least one published asset) and assets published.

    A translation is the same asset, so assets count once per translation key.
    """
    counts = live_asset_counts_by_parent()
    states = {
        iso_code
        for path, iso_code in MemberStatePage.objects.values_list("path", "iso_code")
        if counts.get(path)
    }
    assets = live_assets().values("translation_key").distinct().count()
    return {"member_states": len(states), "assets": assets}


def member_states_in(locale):
    """Every live Member State page in a locale with its number of live assets, by name."""
    counts = live_asset_counts_by_parent()
    states = list(MemberStatePage.objects.live().public().filter(locale=locale))
    for state in states:
        state.asset_count = counts.get(state.path, 0)
    return sorted(states, key=lambda state: str(state.country_name))


def latest_assets(locale, limit=6, exclude_keys=()):
    assets = live_assets().filter(locale=locale).exclude(translation_key__in=exclude_keys)
    return assets.order_by("-first_published_at")[:limit]
