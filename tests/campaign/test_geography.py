"""Where a page is in the campaign, and which page is the source of an asset: one answer for
the dashboard, translation coverage and the open-data outputs."""

import pytest
from wagtail.models import Locale, Page

from campaign import geography

pytestmark = pytest.mark.django_db


@pytest.fixture
def tallinn(campaign):
    from twinit_pages.models import HeritageAssetPage

    return HeritageAssetPage.objects.get(slug="tallinn-town-hall", locale__language_code="en")


@pytest.fixture
def editor(make_user):
    from campaign import roles

    return make_user("europeana-editor", roles.EUROPEANA_EDITORS)


def _translate(page, language, user):
    from locales.review import start_translation

    return start_translation(page, language, user)


def test_country_of_a_page_its_member_state_and_a_campaign_page(tallinn):
    assert geography.country_of(tallinn) == "EE"
    assert geography.country_of(tallinn.get_parent()) == "EE"
    assert geography.country_of(tallinn.get_parent().get_parent()) == ""
    assert geography.country_of(object()) == ""


def test_pages_in_a_country_span_its_locales(tallinn, editor):
    french = _translate(tallinn, "fr", editor)
    estonian = set(geography.pages_in("EE").values_list("pk", flat=True))
    assert {tallinn.pk, french.pk} <= estonian
    latvian = set(geography.pages_in(["LV"]).values_list("pk", flat=True))
    assert tallinn.pk not in latvian and latvian
    assert not geography.pages_in("EE", Page.objects.filter(pk=tallinn.get_parent().get_parent().pk))


def test_the_source_is_neither_a_translation_nor_an_alias(tallinn, editor):
    french = _translate(tallinn, "fr", editor)
    german_state = tallinn.get_parent().specific.copy_for_translation(
        Locale.objects.get(language_code="de"), copy_parents=True)
    alias = tallinn.create_alias(update_locale=Locale.objects.get(language_code="de"),
                                 parent=german_state)
    assert geography.source_page(tallinn.translation_key).pk == tallinn.pk
    sources = geography.sources().filter(translation_key=tallinn.translation_key)
    assert list(sources.values_list("pk", flat=True)) == [tallinn.pk]
    assert french.pk != alias.pk


def test_after_the_source_is_deleted_no_translation_takes_its_place(tallinn, editor):
    """The lowest id of the group used to stand for the asset: after a deletion the French
    translation became a source in the dashboard while OAI-PMH had deleted the record."""
    from europeana.state import source_pages
    from locales.coverage import source_assets
    from workflows.dashboard import _source_assets

    french = _translate(tallinn, "fr", editor)
    key = tallinn.translation_key
    Page.objects.get(pk=tallinn.pk).delete()
    assert Page.objects.filter(pk=french.pk).exists()
    assert geography.source_page(key) is None
    assert not _source_assets().filter(translation_key=key).exists()
    assert not source_pages().filter(translation_key=key).exists()
    assert key not in {page.translation_key for page in source_assets()}
