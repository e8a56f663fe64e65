"""Public pages render their content; drafts and private fields never reach readers."""

import re

import pytest
from wagtail.models import Locale

from tests.pages.helpers import all_sitemaps
from tests.publishing import publish_unreviewed
from twinit_pages.models import (
    CampaignPage,
    ContactPoint,
    HeritageAssetPage,
    MemberStatePage,
)

pytestmark = pytest.mark.django_db


def test_home_lists_member_states_latest_assets_and_live_counts(client, demo_site):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="iso"') == 27
    for title in ("Tower of Belém", "Riga Cathedral", "Tallinn Town Hall"):
        assert title in html
    assert response.context["counts"] == {"member_states": 9, "assets": 9}
    assert '<html lang="en">' in html


def test_counts_follow_publication(client, demo_site):
    HeritageAssetPage.objects.get(slug="riga-cathedral").unpublish()
    response = client.get("/en/")
    assert response.context["counts"] == {"member_states": 8, "assets": 8}


def test_member_state_page_lists_only_its_live_assets(client, state):
    estonia = state("EE")
    response = client.get(estonia.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tallinn Town Hall" in html
    assert "Riga Cathedral" not in html


def test_member_state_page_introduces_maps_and_links_its_assets(client, state):
    estonia = state("EE")
    assert "Ministry of Culture" in estonia.introduction  # the demo's introduction
    html = client.get(estonia.url).content.decode()
    assert "Estonia takes part in Twin it!" in html
    # Its own assets on the shared collection map, and the ways on to the map and explorer.
    assert 'id="collection-map"' in html and 'data-points="/en/map/assets.json?country=EE"' in html
    assert 'aria-label="Map of the heritage assets of Estonia"' in html
    assert 'href="/en/map/?country=EE"' in html and 'href="/en/collection/?country=EE"' in html
    assert "js/collection-map.js" in html and "leaflet/leaflet.css" in html


def test_member_state_page_without_located_assets_has_no_map(client, state):
    estonia = state("EE")
    for asset in HeritageAssetPage.objects.child_of(estonia).live():
        asset.latitude = asset.longitude = None
        publish_unreviewed(asset)
    html = client.get(estonia.url).content.decode()
    assert 'id="collection-map"' not in html and "leaflet" not in html
    assert "Tallinn Town Hall" in html and 'href="/en/collection/?country=EE"' in html


def test_asset_page_shows_every_public_field(client, demo_site):
    asset = HeritageAssetPage.objects.get(slug="tower-of-belem")
    html = client.get(asset.url).content.decode()
    for text in (
        asset.title, asset.summary, "Built between 1514 and 1520", "Monument", "At risk",
        "Among the most physically visited", "Belém, Lisbon", "1514–1520",
        "38.69160, -9.21600", "To monitor erosion", "Maintenance", "Infotainment",
        "Conservators, visitors with reduced mobility", "The whole tower and bastion",
        'href="http://creativecommons.org/licenses/by/4.0/" rel="license"', "CC BY 4.0",
        asset.credit_line, asset.institution.name, "Photogrammetry", "Drone and handheld cameras",
        "Survey team (demo)", "3500", "±4 mm", "Alignment, meshing, texturing",
        "Guardian of the Tagus", "The tower is finished under King Manuel I.",
        "Find the stone rhinoceros", "Stone rhinoceros", 'alt="Illustration of Tower of Belém"',
    ):
        assert text in html, text


def test_asset_page_shows_the_analysis_of_its_3d_models(client, demo_site):
    asset = HeritageAssetPage.objects.get(slug="temple-of-hephaestus")
    (model,) = asset.three_d_models()
    html = client.get(asset.url).content.decode()
    assert f"3D model: {model.title}</h2>" in html
    assert "<dt>Triangles</dt><dd>" + str(model.triangle_count) in html
    assert "<dt>Vertices</dt><dd>" + str(model.vertex_count) in html
    assert model.web_file.url in html  # the viewer loads the web GLB


def test_campaign_page_renders_its_body(client, demo_site):
    faq = CampaignPage.objects.get(slug="faq")
    html = client.get(faq.url).content.decode()
    assert "Which 3D formats can I upload?" in html
    assert "<details" in html


def test_unpublished_asset_is_a_404_for_readers(client, demo_site):
    asset = HeritageAssetPage.objects.get(slug="riga-cathedral")
    url = asset.url
    asset.unpublish()
    assert client.get(url).status_code == 404
    assert "Riga Cathedral" not in client.get("/en/").content.decode()
    assert "Riga Cathedral" not in client.get("/en/search/?q=Riga").content.decode()


def test_a_never_published_draft_is_a_404_for_readers(client, state):
    latvia = state("LV")
    draft = HeritageAssetPage(title="Secret draft", slug="secret-draft", live=False)
    latvia.add_child(instance=draft)
    draft.save_revision()
    assert client.get("/en/latvia/secret-draft/").status_code == 404
    assert "Secret draft" not in client.get(latvia.url).content.decode()
    assert "Secret draft" not in client.get("/en/search/?q=Secret").content.decode()
    sitemap = all_sitemaps(client)
    assert "/en/latvia/" in sitemap and "secret-draft" not in sitemap


def test_search_finds_live_assets(client, demo_site):
    html = client.get("/en/search/?q=tower").content.decode()
    assert "Tower of Belém" in html


def test_contact_emails_are_never_rendered(client, state):
    estonia = state("EE")
    ContactPoint.objects.create(page=estonia, name="Mari Maasikas", role="Coordinator",
                                email="mari.private@example.ee")
    estonia.save_revision().publish()
    pages = [client.get(url).content.decode()
             for url in (estonia.url, "/en/", "/en/search/?q=Mari")]
    for html in [*pages, all_sitemaps(client)]:
        assert "mari.private@example.ee" not in html
        assert "Mari Maasikas" not in html


def test_hreflang_lists_only_live_translations_and_drafts_never_show(client, demo_site):
    asset = HeritageAssetPage.objects.get(slug="tallinn-town-hall")
    estonian = Locale.objects.get(language_code="et")
    french = Locale.objects.get(language_code="fr")
    # A live Estonian translation of the whole branch, and a French one still in draft.
    for locale, live in ((estonian, True), (french, False)):
        home_tr = demo_site.copy_for_translation(locale)
        home_tr.save_revision().publish()
        state_tr = asset.get_parent().specific.copy_for_translation(locale)
        state_tr.save_revision().publish()
        translated = asset.copy_for_translation(locale)
        translated.title = {"et": "Tallinna raekoda", "fr": "Hôtel de ville de Tallinn"}[
            locale.language_code
        ]
        if live:
            publish_unreviewed(translated)
        else:
            translated.save_revision()
    html = client.get(asset.url).content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="([a-z]+)"', html)
    assert alternates == ["en", "et"]
    estonian_url = asset.get_translation(estonian).url
    assert f'<a href="{estonian_url}" hreflang="et" lang="et">eesti</a>' in html
    estonian_page = asset.get_translation(estonian)
    response = client.get(estonian_page.url)
    assert response.status_code == 200
    assert '<html lang="et">' in response.content.decode()
    # The French draft is never shown: French readers get the live English page, marked as such.
    response = client.get(asset.get_translation(french).url)
    assert response.status_code == 200
    assert "Hôtel de ville" not in response.content.decode()
    assert "untranslated-notice" in response.content.decode()


def test_member_state_pages_are_27(demo_site):
    assert MemberStatePage.objects.filter(locale__language_code="en").count() == 27


@pytest.mark.parametrize("language", ["en", "fr"])
def test_home_counts_are_the_explorers(client, demo_site, language):
    """The home page's figures count what a reader finds in the explorer: each asset once,
    whatever language it was written in."""
    from django.http import QueryDict

    from twinit_pages import collection

    context = client.get(f"/{language}/").context
    exploration = collection.explore(QueryDict(), language)
    country = next(facet for facet in exploration.facets if facet.param == "country")
    assert context["counts"]["assets"] == exploration.total
    assert context["counts"]["member_states"] == len([n for n in country.counts.values() if n])
    shown = {state.iso_code: state.asset_count for state in context["member_states"]}
    assert {code: n for code, n in shown.items() if n} == {
        code: n for code, n in country.counts.items() if n}


def test_member_state_page_lists_what_the_explorer_finds_for_its_country(client, state):
    """An asset written in Estonian first is an Estonian asset for every reader: the English
    Estonia page lists it (in Estonian) as the explorer filtered on Estonia does."""
    import html

    from django.http import QueryDict

    from twinit_pages import collection

    et = Locale.objects.get(language_code="et")
    estonia = state("EE")
    for page in (estonia.get_parent().specific, estonia):
        publish_unreviewed(page.copy_for_translation(et))
    estonia_et = MemberStatePage.objects.get(iso_code="EE", locale=et)
    asset = HeritageAssetPage(title="Kadrioru loss", slug="kadrioru-loss", locale=et, live=False)
    estonia_et.add_child(instance=asset)
    publish_unreviewed(asset)

    body = client.get(estonia.url).content.decode()
    titles = [html.unescape(t) for t in re.findall(r'<h3><a href="[^"]+"[^>]*>([^<]+)</a>', body)]
    assert "Kadrioru loss" in titles
    found = collection.explore(QueryDict("country=EE"), "en")
    assert len(titles) == found.total
    assert f"Published heritage assets: {found.total}<" in body
