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
    for model in ThreeDModel.objects.exclude(ar_file=""):
        model.ar_file = ""
        model.save(update_fields=["ar_file"])
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
    model.status = ThreeDModel.Status.QUEUED
    model.save(update_fields=["status"])
    assert cards(client.get("/en/collection/?ar=yes")) == []


def reader_pages_by_definition(language):
    """The module docstring's rule, written out: per translation group, the live page in the
    reader's language, else the group's first live page that is not an alias."""
    live = list(HeritageAssetPage.objects.live().public().select_related("locale"))
    chosen = {}
    for page in sorted(live, key=lambda p: p.pk):
        key = page.translation_key
        if page.locale.language_code == language:
            chosen[key] = page
        elif key not in chosen and page.alias_of_id is None:
            chosen[key] = page
    return chosen.values()


def counts_by_definition(pages):
    from collections import Counter

    states = collection.state_paths()
    live = HeritageAssetPage.objects.live().public().filter(alias_of__isnull=True)
    languages = Counter()
    for page in pages:
        languages.update(set(live.filter(translation_key=page.translation_key)
                             .values_list("locale__language_code", flat=True)))
    ar = sum(1 for page in pages if any(
        m.ar_file and m.status == "ready" for m in page.three_d_models()))
    return {
        "country": Counter(states[page.path[:-4]] for page in pages),
        "type": Counter(page.heritage_type for page in pages),
        "priority": Counter(code for page in pages for code in page.priority_categories),
        "usage": Counter(code for page in pages for code in page.usage_areas),
        "licence": Counter(page.rights_uri for page in pages),
        "language": languages,
        "ar": Counter({"yes": ar}),
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_reader_assets_and_facet_counts_equal_their_definition(client, demo_site, language):
    """The single counting query (one CTE, every facet grouped from it) gives exactly what the
    straightforward definition gives, with and without a filter applied to the other facets."""
    from django.core.files.base import ContentFile
    from django.http import QueryDict

    fr = Locale.objects.get(language_code="fr")
    asset = HeritageAssetPage.objects.live().get(slug="tallinn-town-hall")
    home = asset.get_parent().get_parent()
    for page in (home, asset.get_parent(), asset):
        publish_unreviewed(page.specific.copy_for_translation(fr))
    model = next(a for a in HeritageAssetPage.objects.live() if a.three_d_models()
                 ).three_d_models()[0]
    model.ar_file.save("ar.glb", ContentFile(b"glTF"), save=True)

    pages = list(reader_pages_by_definition(language))
    exploration = collection.explore(QueryDict(), language)
    assert sorted(exploration.entries.values_list("page_id", flat=True)) == sorted(
        p.pk for p in pages)
    assert exploration.total == len(pages)
    expected = counts_by_definition(pages)
    for facet in exploration.facets:
        got = {value: n for value, n in facet.counts.items() if n}
        assert got == dict(expected[facet.param]), facet.param

    building = [p for p in pages if p.heritage_type == "building"]
    assert building and len(building) < len(pages)
    exploration = collection.explore(QueryDict("type=building"), language)
    expected = counts_by_definition(building)
    for facet in exploration.facets:
        got = {value: n for value, n in facet.counts.items() if n}
        want = dict(expected[facet.param]) if facet.param != "type" else {
            k: v for k, v in counts_by_definition(pages)["type"].items()}
        assert got == want, facet.param


def whole_collection_counts(language):
    from django.http import QueryDict

    exploration = collection.explore(QueryDict(), language)
    return exploration.total, {facet.param: {v: n for v, n in facet.counts.items() if n}
                               for facet in exploration.facets}


def test_counts_follow_unpublishing_and_publishing_at_once(client, demo_site):
    total, counts = whole_collection_counts("en")
    riga = HeritageAssetPage.objects.get(slug="riga-cathedral", locale__language_code="en")
    riga.unpublish()
    fewer, after = whole_collection_counts("en")
    assert fewer == total - 1
    assert after["country"].get("LV", 0) == counts["country"]["LV"] - 1
    assert f"Heritage assets found: {fewer}<" in client.get("/en/collection/").content.decode()

    publish_unreviewed(HeritageAssetPage.objects.get(pk=riga.pk))
    assert whole_collection_counts("en") == (total, counts)


@pytest.mark.parametrize("sort", ["newest", "title", "country"])
def test_pages_of_results_follow_the_order_and_a_page_past_the_end_shows_the_last(
        client, state, sort):
    """The requested page is read with the counts: page 1 then page 2 give the whole order with
    no card twice, and ?page=999 shows the last page as before."""
    from campaign import choices
    from tests.pages.test_listings_at_scale import add_live_assets

    add_live_assets(state("EE"), 30)
    pages = list(HeritageAssetPage.objects.live().filter(locale__language_code="en"))
    codes = [code for code, _label in choices.MEMBER_STATES]
    country = {page.pk: page.get_parent().specific.iso_code for page in pages}
    keys = {
        "newest": lambda p: (-p.first_published_at.timestamp(), -p.pk),
        "title": lambda p: (p.title, p.pk),
        "country": lambda p: (codes.index(country[p.pk]), p.title, p.pk),
    }
    expected = [page.title for page in sorted(pages, key=keys[sort])]
    assert len(expected) > collection.PAGE_SIZE
    first = cards(client.get(f"/en/collection/?sort={sort}"))
    second = cards(client.get(f"/en/collection/?sort={sort}&page=2"))
    assert len(first) == collection.PAGE_SIZE
    assert first + second == expected[: 2 * collection.PAGE_SIZE]
    last = -(-len(expected) // collection.PAGE_SIZE)
    assert cards(client.get(f"/en/collection/?sort={sort}&page=999")) == cards(
        client.get(f"/en/collection/?sort={sort}&page={last}"))
