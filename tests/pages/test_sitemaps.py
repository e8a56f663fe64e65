"""The sitemap index: one sitemap per language and section, every live page reachable, each
file under the protocol's 50,000 URLs, lastmod everywhere, drafts never."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from tests.pages.helpers import all_sitemaps
from tests.pages.test_listings_at_scale import add_live_assets
from twinit_pages import sitemaps
from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db

LOC = re.compile(r"<loc>([^<]+)</loc>")


def test_index_lists_one_sitemap_per_language_and_section(client, demo_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = response.content.decode()
    assert "<sitemapindex" in index
    languages = set(Page.objects.filter(translation_key=demo_site.translation_key).live()
                    .values_list("locale__language_code", flat=True))
    expected = {f"http://testserver/sitemap-{lang}-{kind}.xml"
                for lang in languages for kind in sitemaps.SECTIONS}
    assert set(LOC.findall(index)) == expected
    assert index.count("<lastmod>") == len(expected)


def test_sections_hold_every_live_page_once_and_no_draft(client, state):
    latvia = state("LV")
    draft = HeritageAssetPage(title="Unpublished", slug="unpublished-draft", live=False)
    latvia.add_child(instance=draft)

    assets = client.get("/sitemap-en-assets.xml").content.decode()
    pages = client.get("/sitemap-en-pages.xml").content.decode()
    live_assets = HeritageAssetPage.objects.live().public().filter(locale__language_code="en")
    assert sorted(LOC.findall(assets)) == sorted(
        asset.get_full_url() for asset in live_assets)
    assert assets.count("<lastmod>") == live_assets.count()
    assert latvia.get_full_url() in LOC.findall(pages)
    assert not set(LOC.findall(pages)) & set(LOC.findall(assets))
    assert "unpublished-draft" not in all_sitemaps(client)


def test_a_large_section_is_split_into_files_and_nothing_is_unreachable(client, state,
                                                                        monkeypatch):
    add_live_assets(state("EE"), 7)
    monkeypatch.setattr(sitemaps.Section, "limit", 3)
    index = client.get("/sitemap.xml").content.decode()
    live = HeritageAssetPage.objects.live().public().filter(locale__language_code="en").count()
    files = [loc for loc in LOC.findall(index) if "en-assets" in loc]
    assert len(files) == -(-live // 3)
    listed = []
    for loc in files:
        query = dict([loc.split("?")[1].split("=")]) if "?" in loc else {}
        listed += LOC.findall(client.get("/sitemap-en-assets.xml", query).content.decode())
    assert len(listed) == len(set(listed)) == live


def test_a_sections_queries_do_not_grow_with_the_collection(client, state):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap-en-assets.xml").status_code == 200
        return len(captured)

    queries()
    few = queries()
    add_live_assets(state("EE"), 20)
    assert queries() == few


def test_unknown_sections_and_writes_are_refused(client, demo_site):
    assert client.get("/sitemap-xx-assets.xml").status_code == 404
    assert client.get("/sitemap-en-secrets.xml").status_code == 404
    assert client.post("/sitemap.xml").status_code == 405
    assert client.get("/sitemap-en-assets.xml", {"p": "999"}).status_code == 404
