"""Fixtures of the translation tests: compiled catalogues, the campaign's groups and users."""

from types import SimpleNamespace

import pytest


@pytest.fixture
def users(make_user):
    from campaign import roles

    return SimpleNamespace(
        translator_fr=make_user("translator-fr", roles.translators("fr")),
        translator_de=make_user("translator-de", roles.translators("de")),
        translator_et=make_user("translator-et", roles.translators("et")),
        ee_coordinator=make_user("ee-coordinator", roles.coordinators("EE")),
        lv_coordinator=make_user("lv-coordinator", roles.coordinators("LV")),
        pt_coordinator=make_user("pt-coordinator", roles.coordinators("PT")),
        ee_contributor=make_user("ee-contributor", roles.contributors("EE")),
        editor=make_user("europeana-editor", roles.EUROPEANA_EDITORS),
    )



@pytest.fixture
def asset():
    """Tallinn Town Hall (EE), English source, with stories, elements and gallery images."""
    from twinit_pages.models import HeritageAssetPage

    return HeritageAssetPage.objects.get(slug="tallinn-town-hall", locale__language_code="en")


def translate_all_strings(translation, prefix):
    """Fill every string of a translation with "<prefix> <source text>" (a stand-in translator)."""
    from wagtail_localize.models import StringTranslation

    for segment in translation.source.stringsegment_set.select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=translation.target_locale,
            context=segment.context,
            defaults={"data": f"{prefix} {segment.string.data}"},
        )
