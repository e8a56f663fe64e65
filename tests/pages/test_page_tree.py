"""Where each page type may live in the campaign tree."""

import pytest

from twinit_pages.models import CampaignHomePage, CampaignPage, HeritageAssetPage, MemberStatePage

pytestmark = pytest.mark.django_db


def test_member_states_live_only_under_the_home_page(home, state):
    assert MemberStatePage.can_create_at(home)
    assert not MemberStatePage.can_create_at(state("EE"))
    campaign_page = CampaignPage.objects.child_of(home).first()
    assert not MemberStatePage.can_create_at(campaign_page)


def test_member_states_hold_only_heritage_assets(state):
    estonia = state("EE")
    assert HeritageAssetPage.can_create_at(estonia)
    assert not CampaignPage.can_create_at(estonia)
    assert MemberStatePage.allowed_subpage_models() == [HeritageAssetPage]


def test_assets_live_only_under_member_states_and_have_no_children(home, state):
    assert not HeritageAssetPage.can_create_at(home)
    asset = HeritageAssetPage.objects.child_of(state("EE")).first()
    assert HeritageAssetPage.allowed_subpage_models() == []
    assert not CampaignPage.can_create_at(asset)


def test_campaign_pages_nest_under_home_or_each_other(home):
    assert CampaignPage.can_create_at(home)
    about = CampaignPage.objects.child_of(home).first()
    assert CampaignPage.can_create_at(about)
    assert not CampaignHomePage.can_create_at(home)
