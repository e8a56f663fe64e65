"""Listings paginate and a card costs no query of its own: a page's queries do not grow with the
collection (the figures at 50,000 assets come from benchmarks/scale.py, not from tests)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from models3d.models import ThreeDModel
from twinit_pages.models import AssetGalleryImage, HeritageAssetPage
from twinit_pages.models.member_state import ASSETS_PER_PAGE

pytestmark = pytest.mark.django_db


def add_live_assets(state, count, start=0):
    """`count` live assets under `state`: even ones with a ready model (poster), odd ones with a
    gallery image only, so both kinds of card picture are exercised."""
    collection = Collection.get_first_root_node()
    image = get_image_model().objects.create(
        title="Facade", file=get_test_image_file(), collection=collection)
    for i in range(start, start + count):
        asset = HeritageAssetPage(
            title=f"Zz scale asset {i:03d}", slug=f"zz-scale-asset-{i:03d}",
            summary=f"Summary {i}.", heritage_type="building", first_published_at=timezone.now(),
        )
        if i % 2 == 0:
            model = ThreeDModel.objects.create(
                title=f"Scan {i}", file=f"models3d/originals/scan-{i}.glb", format="glb",
                status="ready", thumbnail=f"models3d/posters/scan-{i}.jpg",
                collection=collection)
            asset.models_3d = [("model", {"model": model, "caption": "", "camera_orbit": "",
                                          "annotations": []})]
        state.add_child(instance=asset)
        if i % 2:
            AssetGalleryImage.objects.create(page=asset, image=image, alt_text="Facade",
                                             locale=asset.locale)


def queries_of(client, url):
    client.get(url)  # warm-up: renditions and caches of the first rendering
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_member_state_page_paginates_with_the_same_queries_at_any_size(client, state):
    estonia = state("EE")
    add_live_assets(estonia, 4)
    few, _html = queries_of(client, estonia.url)
    add_live_assets(estonia, 40, start=4)
    many, html = queries_of(client, estonia.url)
    assert many == few

    live = HeritageAssetPage.objects.child_of(estonia).live().count()
    assert html.count('<li class="card">') == ASSETS_PER_PAGE
    assert f"Published heritage assets: {live}" in html
    assert 'rel="next" href="?page=2"' in html
    assert "Page 1 of 2" in html
    # Both kinds of picture and the Member State on each card, filled without a query per card.
    assert 'src="/media/models3d/posters/scan-0.jpg"' in html
    assert "Facade" not in html  # gallery pictures are decorative on cards (alt="")
    assert html.count(f'<p class="meta"><span>{estonia.title}</span><span>') == ASSETS_PER_PAGE

    second = client.get(estonia.url, {"page": 2}).content.decode()
    assert second.count('<li class="card">') == live - ASSETS_PER_PAGE
    assert "Zz scale asset 043" in second and 'rel="prev" href="?page=1"' in second
    assert 'class="card-poster"' in second and "/media/images/" in second  # gallery rendition
    for wrong in ("999", "abc", "-1"):
        response = client.get(estonia.url, {"page": wrong})
        assert response.status_code == 200
        assert response.content.decode().count('<li class="card">') > 0


def test_home_page_queries_do_not_grow_with_the_collection(client, state):
    # "Latest" leaves out the featured assets: start from a latest list with both card kinds.
    add_live_assets(state("EE"), 2, start=100)
    few, _html = queries_of(client, "/en/")
    add_live_assets(state("EE"), 30)
    add_live_assets(state("LV"), 30, start=30)
    many, html = queries_of(client, "/en/")
    assert many == few
    assert "Zz scale asset 059" in html  # the latest assets, with their cards
