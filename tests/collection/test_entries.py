"""The collection entries stay equal to the live pages they describe, through every change a
page, its translation group, its place in the tree or its 3D models go through."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.models import Locale, PageViewRestriction

from campaign import choices
from campaign.languages import LANGUAGE_CODES
from tests.publishing import publish_unreviewed
from twinit_pages import collection_entries
from twinit_pages.collection_entries import codes_in, mask
from twinit_pages.models import CollectionEntry, HeritageAssetPage, MemberStatePage

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(CollectionEntry.objects.values_list(
        "page_id", "translation_key", "readers", "country", "heritage_type", "rights",
        "priorities", "usages", "languages", "ar", "first_published_at", "title"))


def rebuilt():
    """What a rebuild from scratch gives (the state signals must have kept)."""
    call_command("refresh_collection", verbosity=0)
    return snapshot()


def readers_of(page):
    entry = CollectionEntry.objects.filter(page_id=page.pk).first()
    return set(codes_in(entry.readers, LANGUAGE_CODES)) if entry else set()


def test_mask_and_codes_in_are_inverse_and_ignore_unknown_codes():
    codes = ["Research", "Art", "Knowledge"]
    bits = mask(codes + ["Nonsense"], choices.USAGE_AREAS)
    assert sorted(codes_in(bits, choices.USAGE_AREAS)) == sorted(codes)
    assert mask([], LANGUAGE_CODES) == 0 and codes_in(0, LANGUAGE_CODES) == []
    # 24 languages fit a signed 32-bit column.
    assert mask(LANGUAGE_CODES, LANGUAGE_CODES) < 2**31


def test_demo_entries_equal_a_rebuild_and_describe_each_live_asset(demo_site):
    kept = snapshot()
    assert kept and kept == rebuilt()
    live = HeritageAssetPage.objects.live().public()
    assert {row[0] for row in kept} == set(live.values_list("pk", flat=True))
    page = live.first()
    entry = CollectionEntry.objects.get(page_id=page.pk)
    assert codes_in(entry.country, choices.MEMBER_STATES) == [page.get_parent().specific.iso_code]
    assert codes_in(entry.rights, choices.RIGHTS) == [page.rights_uri]
    assert codes_in(entry.usages, choices.USAGE_AREAS) == [
        code for code, _label in choices.USAGE_AREAS if code in page.usage_areas]


def test_a_translation_takes_its_language_from_the_source_and_gives_it_back(demo_site):
    fr = Locale.objects.get(language_code="fr")
    source = HeritageAssetPage.objects.live().get(slug="tallinn-town-hall")
    assert "fr" in readers_of(source) and "en" in readers_of(source)
    for page in (source.get_parent().get_parent(), source.get_parent()):
        publish_unreviewed(page.specific.copy_for_translation(fr))
    translation = source.copy_for_translation(fr)
    assert "fr" in readers_of(source)  # a draft translation changes nothing
    publish_unreviewed(translation)
    assert readers_of(translation) == {"fr"}
    assert "fr" not in readers_of(source) and "en" in readers_of(source)
    languages = CollectionEntry.objects.get(page_id=source.pk).languages
    assert set(codes_in(languages, LANGUAGE_CODES)) == {"en", "fr"}
    assert snapshot() == rebuilt()

    HeritageAssetPage.objects.get(pk=translation.pk).unpublish()
    assert readers_of(translation) == set() and "fr" in readers_of(source)
    assert snapshot() == rebuilt()


def test_unpublishing_deleting_and_restricting_remove_entries(demo_site):
    pages = list(HeritageAssetPage.objects.live().filter(locale__language_code="en")[:3])
    pages[0].unpublish()
    assert not CollectionEntry.objects.filter(page_id=pages[0].pk).exists()
    pages[1].delete()
    assert not CollectionEntry.objects.filter(page_id=pages[1].pk).exists()

    state = pages[2].get_parent()
    restriction = PageViewRestriction.objects.create(
        page=state, restriction_type=PageViewRestriction.LOGIN)
    under = HeritageAssetPage.objects.child_of(state).live()
    assert under.exists()
    assert not CollectionEntry.objects.filter(page_id__in=under.values("pk")).exists()
    restriction.delete()
    assert CollectionEntry.objects.filter(page_id=pages[2].pk).exists()
    assert snapshot() == rebuilt()


def test_moving_an_asset_to_another_country_moves_its_entry(demo_site):
    asset = HeritageAssetPage.objects.live().get(slug="tallinn-town-hall")
    latvia = MemberStatePage.objects.get(iso_code="LV", locale=asset.locale)
    asset.move(latvia, pos="last-child")
    entry = CollectionEntry.objects.get(page_id=asset.pk)
    assert codes_in(entry.country, choices.MEMBER_STATES) == ["LV"]
    assert snapshot() == rebuilt()


def test_a_3d_model_gaining_an_ar_file_counts_its_pages_as_ar(demo_site):
    from models3d.models import ThreeDModel

    asset = next(a for a in HeritageAssetPage.objects.live() if a.three_d_models())
    model = asset.three_d_models()[0]
    model.ar_file = ""
    model.save(update_fields=["ar_file"])
    assert not CollectionEntry.objects.get(page_id=asset.pk).ar
    model.ar_file.save("ar.glb", ContentFile(b"glTF"), save=True)
    assert CollectionEntry.objects.get(page_id=asset.pk).ar
    model.status = ThreeDModel.Status.FAILED
    model.save(update_fields=["status"])
    assert not CollectionEntry.objects.get(page_id=asset.pk).ar
    assert snapshot() == rebuilt()


def test_rebuild_repairs_entries_lost_outside_the_signals(demo_site):
    kept = snapshot()
    CollectionEntry.objects.all().delete()  # a bulk load or a restored dump
    assert rebuilt() == kept
    collection_entries.refresh([])  # nothing to do is not an error
    assert snapshot() == kept
