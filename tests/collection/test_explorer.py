"""The collection explorer and the site search, as a reader uses them through URLs."""

import html
import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from tests.publishing import publish_unreviewed
from twinit_pages import collection
from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db

CARD = re.compile(r'<h3><a href="([^"]+)"[^>]*>([^<]+)</a>')


def cards(response):
    assert response.status_code == 200
    return [html.unescape(title) for _url, title in CARD.findall(response.content.decode())]


def live_titles(**filters):
    return sorted(HeritageAssetPage.objects.live().filter(
        locale__language_code="en", **filters).values_list("title", flat=True))


def test_explorer_lists_every_live_asset_once(client, demo_site):
    assert sorted(cards(client.get("/en/collection/?sort=title"))) == live_titles()


def test_country_filter_narrows_and_matches_any_case(client, demo_site, state):
    estonia = state("EE")
    expected = sorted(a.title for a in HeritageAssetPage.objects.child_of(estonia).live())
    assert expected
    for value in ("EE", "ee", "Estonia"):
        assert sorted(cards(client.get(f"/en/collection/?country={value}"))) == expected


def test_facet_counts_are_what_a_click_gives(client, demo_site):
    exploration = collection.explore(
        client.get("/en/collection/").wsgi_request.GET, "en")
    for facet in exploration.facets:
        for entry in facet.entries():
            response = client.get(f"/en/collection/?{facet.param}={entry['value']}")
            assert len(cards(response)) == entry["count"], (facet.param, entry["value"])


def test_filters_combine_and_survive_in_the_url(client, demo_site):
    response = client.get("/en/collection/?usage=Maintenance&type=building&sort=title")
    expected = sorted(
        a.title for a in HeritageAssetPage.objects.live().filter(
            locale__language_code="en", heritage_type="building")
        if "Maintenance" in a.usage_areas
    )
    assert cards(response) == expected
    body = response.content.decode()
    # Removing one filter keeps the other (the links are the shareable state).
    assert "usage=Maintenance" in body and "type=building" in body


def test_unknown_filter_values_are_ignored_not_an_error(client, demo_site):
    assert cards(client.get("/en/collection/?country=XX&type=<script>&page=999")) == cards(
        client.get("/en/collection/?page=999"))


def test_drafts_and_unpublished_assets_never_show(client, demo_site):
    asset = HeritageAssetPage.objects.live().filter(locale__language_code="en").first()
    asset.unpublish()
    assert asset.title not in cards(client.get("/en/collection/"))
    assert asset.title not in cards(client.get(f"/en/search/?q={asset.title}"))


def test_reader_gets_translation_where_it_exists_else_the_source_in_their_prefix(
        client, demo_site):
    fr = Locale.objects.get(language_code="fr")
    asset = HeritageAssetPage.objects.live().get(slug="tallinn-town-hall")
    home = asset.get_parent().get_parent()
    for page in (home, asset.get_parent(), asset):
        translated = page.specific.copy_for_translation(fr)
        if page.pk == asset.pk:
            translated.title = "Hôtel de ville de Tallinn"
        publish_unreviewed(translated)
    body = client.get("/fr/collection/").content.decode()
    found = dict((title, url) for url, title in CARD.findall(body))
    assert "Hôtel de ville de Tallinn" in found and "Tallinn Town Hall" not in found
    # Every card links under /fr/, and source-language content says which language it is in.
    assert all(url.startswith("/fr/") for url in found.values())
    assert re.search(r'<a href="/fr/[^"]+" lang="en">Riga Cathedral', body)
    # The untranslated asset is served in French under the French home (no 404).
    response = client.get(found["Riga Cathedral"])
    assert response.status_code == 200


@pytest.mark.parametrize(("query", "expected"), [
    ("Estonia", "Tallinn Town Hall"),  # country name
    ("photogrammetry", "Riga Cathedral"),  # paradata: capture technique
    ("Maintenance", "Tallinn Town Hall"),  # intended usage area
])
def test_search_finds_country_paradata_and_usage_area(client, demo_site, query, expected):
    assert expected in cards(client.get(f"/en/search/?q={query}"))


def test_search_forgives_a_typo(client, demo_site):
    response = client.get("/en/search/?q=Estnia")
    assert "Tallinn Town Hall" in cards(response)
    assert "Estnia" in response.content.decode()


def test_search_shares_the_explorer_facets(client, demo_site):
    everything = cards(client.get("/en/search/?q=Maintenance"))
    narrowed = cards(client.get("/en/search/?q=Maintenance&country=EE"))
    assert narrowed == ["Tallinn Town Hall"] and len(everything) > 1


def test_load_demo_leaves_the_search_index_ready(client, demo_site, settings):
    from wagtail.search.models import IndexEntry

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    IndexEntry.objects.all().delete()
    assert cards(client.get("/en/search/?q=Tallinn")) == []
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "Tallinn Town Hall" in cards(client.get("/en/search/?q=Tallinn"))


def test_has_ar_facet_lists_assets_whose_ready_model_has_an_ar_file(client, demo_site):
    from django.core.files.base import ContentFile

    from models3d.models import ThreeDModel

    assets = [a for a in HeritageAssetPage.objects.live().filter(locale__language_code="en")
              if a.three_d_models()]
    assert len(assets) >= 2
    ThreeDModel.objects.update(ar_file="")
    assert cards(client.get("/en/collection/?ar=yes")) == []
    model = assets[0].three_d_models()[0]
    model.ar_file.save("ar.glb", ContentFile(b"glTF"), save=True)
    expected = sorted(a.title for a in HeritageAssetPage.objects.live().filter(
        locale__language_code="en") if model in a.three_d_models())
    assert sorted(cards(client.get("/en/collection/?ar=yes"))) == expected
    exploration = collection.explore(client.get("/en/collection/?ar=yes").wsgi_request.GET, "en")
    ar = next(facet for facet in exploration.facets if facet.param == "ar")
    assert ar.entries()[0]["count"] == len(expected)
    # A model still processing is not offered in AR even if a file is there.
    ThreeDModel.objects.filter(pk=model.pk).update(status=ThreeDModel.Status.QUEUED)
    assert cards(client.get("/en/collection/?ar=yes")) == []
