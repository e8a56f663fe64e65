"""Field validation a contributor meets in the editor: codes, coordinates, years, rights."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from campaign import choices
from twinit_pages.models import HeritageAssetPage, Institution, MemberStatePage

pytestmark = pytest.mark.django_db


def test_member_state_code_must_be_one_of_the_27(state):
    page = MemberStatePage(title="Norway", slug="norway", iso_code="NO")
    page.locale = state("EE").locale
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "iso_code" in error.value.message_dict


def test_member_state_code_is_unique_per_language(state):
    estonia = state("EE")
    twin = MemberStatePage(title="Estonia again", slug="estonia-2", iso_code="EE",
                           locale=estonia.locale)
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "already has its page" in str(error.value.message_dict["iso_code"])


def test_the_27_member_states_have_distinct_codes_and_languages():
    assert len(choices.MEMBER_STATE_CODES) == 27 == len(set(choices.MEMBER_STATE_CODES))
    assert set(choices.MEMBER_STATE_LANGUAGES) == set(choices.MEMBER_STATE_CODES)


@pytest.mark.parametrize(
    ("field", "value"),
    [("latitude", Decimal("90.5")), ("latitude", Decimal("-91")),
     ("longitude", Decimal("180.01")), ("longitude", Decimal("-200"))],
)
def test_coordinates_out_of_range_are_refused(demo_site, field, value):
    asset = HeritageAssetPage.objects.get(slug="tallinn-town-hall")
    setattr(asset, field, value)
    with pytest.raises(ValidationError) as error:
        asset.full_clean()
    assert field in error.value.message_dict


def test_latitude_without_longitude_is_refused(demo_site):
    asset = HeritageAssetPage.objects.get(slug="tallinn-town-hall")
    asset.longitude = None
    with pytest.raises(ValidationError) as error:
        asset.full_clean()
    assert "both latitude and longitude" in str(error.value.message_dict["longitude"])


def test_end_year_before_start_year_is_refused(demo_site):
    asset = HeritageAssetPage.objects.get(slug="tallinn-town-hall")
    asset.start_year, asset.end_year = 1500, 1400
    with pytest.raises(ValidationError) as error:
        asset.full_clean()
    assert "end_year" in error.value.message_dict


def test_bce_years_are_accepted(demo_site):
    temple = HeritageAssetPage.objects.get(slug="temple-of-hephaestus")
    temple.full_clean()
    assert temple.start_year == -449


def test_rights_uri_must_be_an_accepted_exact_uri(demo_site):
    asset = HeritageAssetPage.objects.get(slug="tallinn-town-hall")
    # The https form, or a missing trailing slash, is not what Europeana accepts.
    for wrong in ("https://creativecommons.org/licenses/by/4.0/",
                  "http://creativecommons.org/licenses/by/4.0"):
        asset.rights_uri = wrong
        with pytest.raises(ValidationError) as error:
            asset.full_clean()
        assert "rights_uri" in error.value.message_dict


def test_accepted_rights_uris_have_europeanas_exact_form():
    for uri in choices.RIGHTS_URIS:
        assert uri.startswith("http://") and uri.endswith("/"), uri
    assert len(set(choices.RIGHTS_URIS)) == len(choices.RIGHTS_URIS)


def test_unknown_usage_area_or_category_is_refused_naming_the_value(demo_site):
    asset = HeritageAssetPage.objects.get(slug="tallinn-town-hall")
    asset.usage_areas = ["Tourism", "Sightseeing"]
    asset.priority_categories = ["endangered"]
    with pytest.raises(ValidationError) as error:
        asset.full_clean()
    assert "Sightseeing" in str(error.value.message_dict["usage_areas"])
    assert "endangered" in str(error.value.message_dict["priority_categories"])


def test_usage_areas_are_europeanas_fourteen():
    assert [code for code, _ in choices.USAGE_AREAS] == [
        "Knowledge", "Research", "Education", "Infotainment", "Tourism", "Gaming", "Exhibition",
        "Creativity", "Design", "Art", "Curation", "Maintenance", "Restoration", "Documentation",
    ]
    assert choices.usage_area_uri("Gaming") == (
        "http://data.europeana.eu/vocabulary/usageArea/Gaming"
    )


def test_institution_identifiers_are_validated(locales):
    institution = Institution(name="Test", country="EE", isil="not an isil",
                              ror="https://example.org/x", wikidata="12")
    with pytest.raises(ValidationError) as error:
        institution.full_clean()
    assert {"isil", "ror", "wikidata"} <= set(error.value.message_dict)
