"""Drafts may be incomplete; submitting or publishing needs every required field.

Tested through the page editor's HTTP views, as a contributor meets it.
"""

import pytest
from django.urls import reverse

from tests.pages.helpers import asset_post
from twinit_pages.completeness import REQUIRED_FOR_SUBMISSION, missing_for_submission
from twinit_pages.models import HeritageAssetPage, Institution

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model, demo_site):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def add_url(state):
    return reverse(
        "wagtailadmin_pages:add", args=("twinit_pages", "heritageassetpage", state("EE").pk)
    )


@pytest.fixture
def institution_id(demo_site):
    return Institution.objects.get(name="Tallinn City Museum").pk


def test_an_incomplete_draft_can_be_saved(editor_client, add_url, institution_id):
    data = asset_post(institution_id, summary="", reuse_statement="", usage_areas=[],
                      capture_technique="", rights_uri="")
    response = editor_client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = HeritageAssetPage.objects.get(slug="kiek-in-de-kok")
    assert not page.live
    assert set(missing_for_submission(page)) == {
        "summary", "reuse_statement", "usage_areas", "capture_technique", "rights_uri"
    }


def test_publishing_an_incomplete_asset_names_every_missing_field(
    editor_client, add_url, institution_id
):
    data = asset_post(institution_id, action="action-publish", summary="", usage_areas=[],
                      capture_technique="")
    response = editor_client.post(add_url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"summary", "usage_areas", "capture_technique"}
    assert "at least one intended usage area" in errors["usage_areas"][0]
    assert not HeritageAssetPage.objects.filter(slug="kiek-in-de-kok").exists()


def test_submitting_an_incomplete_asset_for_review_is_refused(
    editor_client, add_url, institution_id
):
    data = asset_post(institution_id, action="action-submit", rights_uri="")
    response = editor_client.post(add_url, data)
    assert response.status_code == 200
    assert "Choose the rights statement." in response.context["form"].errors["rights_uri"]


def test_a_complete_asset_publishes(editor_client, add_url, institution_id):
    response = editor_client.post(add_url, asset_post(institution_id, action="action-publish"))
    assert response.status_code == 302
    page = HeritageAssetPage.objects.get(slug="kiek-in-de-kok")
    assert page.live
    assert page.usage_areas == ["Tourism", "Education"]
    assert missing_for_submission(page) == {}


def test_every_demo_asset_is_complete(demo_site):
    assets = HeritageAssetPage.objects.all()
    assert assets.count() >= 6
    for asset in assets:
        assert missing_for_submission(asset) == {}, asset.title


def test_the_rules_cover_fields_that_exist():
    names = {field.name for field in HeritageAssetPage._meta.get_fields()}
    for field, message in REQUIRED_FOR_SUBMISSION:
        assert field in names
        assert str(message).endswith(".")
