"""load_demo builds a complete campaign and is safe to run again."""

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from twinit_pages.models import CampaignHomePage, CampaignPage, HeritageAssetPage, Institution

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "institutions": Institution.objects.count(),
        "revisions": sum(p.revisions.count() for p in Page.objects.all()),
    }


def test_load_demo_is_idempotent(locales):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    first = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert snapshot() == first


def test_demo_covers_the_campaign(demo_site):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == demo_site
    assets = HeritageAssetPage.objects.live()
    assert assets.count() >= 6
    assert len({asset.country_code for asset in assets}) >= 4
    assert all(asset.gallery_images.exists() for asset in assets)
    assert all(asset.stories for asset in assets)
    assert CampaignPage.objects.live().count() >= 3
    assert CampaignHomePage.objects.count() == 1


def test_demo_images_are_generated_not_downloaded(demo_site):
    image = get_image_model().objects.first()
    assert image.width == 1200 and image.height == 800
