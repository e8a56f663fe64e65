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


def test_demo_is_a_campaign_in_progress_through_the_real_workflow(demo_site):
    """Every demo asset shows a ready generated 3D model; at least 12 Member States take part;
    most assets are live (each through readiness, national approval and Europeana review),
    some wait at Europeana review or national approval, one is a draft."""
    from campaign import roles
    from campaign.geography import country_of
    from models3d.models import ThreeDModel
    from workflows import gate

    assets = HeritageAssetPage.objects.filter(locale__language_code="en")
    assert len({country_of(asset) for asset in assets}) >= 12
    steps = {}
    for asset in assets:
        latest = asset.get_latest_revision_as_object()
        assert any(m.status == ThreeDModel.Status.READY for m in latest.three_d_models()), asset
        state = asset.current_workflow_state
        if asset.live:
            assert gate.refusal(asset, asset.live_revision) is None, asset
            steps.setdefault("live", []).append(asset)
        elif state is None:
            steps.setdefault("draft", []).append(asset)
        else:
            steps.setdefault(state.current_task_state.task.name, []).append(asset)
    assert len(steps["live"]) > len(assets) / 2
    assert steps[roles.EUROPEANA_TASK_NAME] and steps[roles.NATIONAL_TASK_NAME] and steps["draft"]
