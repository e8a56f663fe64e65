"""Page models and snippets of the campaign site, one module per content area."""

from .asset import AssetElement, AssetGalleryImage, HeritageAssetPage
from .campaign import CampaignHomePage, CampaignPage, FeaturedAsset
from .collection_entry import CollectionEntry
from .institution import Institution
from .member_state import ContactPoint, MemberStatePage

__all__ = [
    "AssetElement",
    "AssetGalleryImage",
    "CampaignHomePage",
    "CampaignPage",
    "CollectionEntry",
    "ContactPoint",
    "FeaturedAsset",
    "HeritageAssetPage",
    "Institution",
    "MemberStatePage",
]
