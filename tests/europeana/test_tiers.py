"""Tier prediction: the EPF content tier and metis' metadata tiers, from the export record."""

import pytest

from campaign import choices
from europeana import tiers
from europeana.record import Entity, Literal, Ref, record_for
from tests.europeana.conftest import fake_model, with_models

OPEN = "http://creativecommons.org/licenses/by/4.0/"
RESTRICTED = "http://creativecommons.org/licenses/by-nc/4.0/"
CLOSED = "http://rightsstatements.org/vocab/InC/1.0/"


def test_demo_asset_without_model_is_content_tier_1_and_metadata_c(asset):
    with_models(asset)
    prediction = tiers.predict(asset)
    assert prediction.content_tier == 1
    assert prediction.has_3d_resource is False
    assert prediction.metadata_tier == "C"
    assert prediction.language.tier == "C"
    assert prediction.enabling.tier == "C"
    assert set(prediction.contextual.complete) == {"skos:Concept", "edm:Place", "edm:TimeSpan"}
    assert any("3D model" in hint for hint in prediction.hints)
    assert prediction.blocking == []


@pytest.mark.parametrize(("rights", "tier"), [(OPEN, 4), (RESTRICTED, 3), (CLOSED, 2)])
def test_content_tier_follows_reuse_level_with_a_ready_model(asset, rights, tier):
    asset.rights_uri = rights
    with_models(asset, fake_model())
    prediction = tiers.predict(asset)
    assert prediction.has_3d_resource
    assert prediction.content_tier == tier


def test_every_accepted_rights_statement_maps_to_its_tier(asset):
    expected = {choices.OPEN: 4, choices.RESTRICTED: 3, choices.CLOSED: 2}
    with_models(asset, fake_model())
    for uri, _label, _short, level in choices.RIGHTS_STATEMENTS:
        asset.rights_uri = uri
        assert tiers.predict(asset).content_tier == expected[level], uri


def test_model_rights_decide_over_asset_rights(asset):
    asset.rights_uri = OPEN
    with_models(asset, fake_model(rights_uri=RESTRICTED))
    assert tiers.predict(asset).content_tier == 3


def test_demo_assets_with_processed_models(assets):
    expected = {choices.OPEN: 4, choices.RESTRICTED: 3, choices.CLOSED: 2}
    for page in assets:
        ready = [m for m in page.three_d_models() if m.is_ready]
        prediction = tiers.predict(page)
        rights = (ready[0].rights_uri or page.rights_uri) if ready else page.rights_uri
        tier = expected[choices.RIGHTS_REUSE_LEVEL[rights]] if ready else 1
        assert prediction.content_tier == tier, page.title
        assert prediction.metadata_tier == "C", page.title


def test_models_still_processing_do_not_count(asset):
    asset.rights_uri = OPEN
    with_models(asset, fake_model(status="processing"), fake_model(pk=2, status="failed"))
    prediction = tiers.predict(asset)
    assert prediction.content_tier == 1


def test_hint_for_tier_4_when_restricted(asset):
    asset.rights_uri = RESTRICTED
    with_models(asset, fake_model())
    hints = tiers.predict(asset).hints
    assert any("open licence" in hint for hint in hints)


def test_no_coordinates_and_no_type_lower_contextual_classes(asset):
    asset.latitude = asset.longitude = None
    prediction = tiers.predict(asset)
    assert prediction.contextual.complete == ["skos:Concept", "edm:TimeSpan"]
    assert prediction.contextual.tier == "C"
    asset.heritage_type = ""
    prediction = tiers.predict(asset)
    assert prediction.contextual.complete == ["edm:TimeSpan"]
    assert prediction.contextual.tier == "B"
    assert prediction.metadata_tier == "B"
    assert any("latitude and longitude" in hint for hint in prediction.hints)


def test_bare_draft_is_tier_0_with_hints(demo_site, state):
    from twinit_pages.models import HeritageAssetPage

    page = HeritageAssetPage(title="", slug="draft")
    prediction = tiers.predict(page)
    assert prediction.content_tier == 1
    assert prediction.metadata_tier == "0"
    assert prediction.blocking  # no rights, no title, no type/place/date, no institution
    assert prediction.hints


def test_draft_with_title_and_type_only_is_enabling_a(demo_site):
    from twinit_pages.models import HeritageAssetPage

    page = HeritageAssetPage(title="Castle", slug="castle", heritage_type="building")
    prediction = tiers.predict(page)
    assert prediction.enabling.elements == ["dc:type"]
    assert prediction.enabling.tier == "A"
    assert prediction.contextual.complete == ["skos:Concept"]  # label and definition
    assert prediction.contextual.tier == "B"
    # dc:title tagged, dc:type links a Concept with an English prefLabel: 100 %.
    assert prediction.language.ratio == 1.0
    assert prediction.metadata_tier == "A"


def _record(cho, entities=()):
    from europeana.record import AssetRecord

    return AssetRecord(
        page_id=1, identifier="1", language="en", languages=["en"], country="EE", title="t",
        cho_uri="u", aggregation_uri="a", cho=list(cho), entities=list(entities),
        web_resources=[], models=[], data_provider=None, provider=Literal("P", "en"),
        rights_uri="", aggregation_rights=[], is_shown_at="x", is_shown_by="", object_uri="",
        has_views=[], paradata_url="",
    )


def test_language_thresholds_follow_metis():
    # 4 property types, 1 tagged: 25 % -> A; 2 -> B; 3 -> C (75 %).
    base = [("dc:title", Literal("t")), ("dc:description", Literal("d")),
            ("dcterms:hasPart", Literal("p")), ("dc:source", Literal("s"))]
    for tagged, tier in ((0, "0"), (1, "A"), (2, "B"), (3, "C"), (4, "C")):
        cho = [(name, Literal(value.value, "en" if i < tagged else ""))
               for i, (name, value) in enumerate(base)]
        assert tiers.classify_language(_record(cho)).tier == tier


def test_language_counts_link_to_entity_with_tagged_label():
    place = Entity("edm:Place", "p", [Literal("Tallinn", "et")])
    untagged = Entity("edm:TimeSpan", "t", [Literal("1500")])
    record = _record([("dcterms:spatial", Ref("p")), ("dcterms:temporal", Ref("t"))],
                     [place, untagged])
    details = tiers.classify_language(record)
    assert details.tagged == ["dcterms:spatial"]
    assert details.ratio == 0.5


def test_enabling_thresholds_need_two_groups():
    three_temporal = [("dcterms:created", Literal("x")), ("dcterms:issued", Literal("y")),
                      ("dcterms:temporal", Literal("z"))]
    assert tiers.classify_enabling(_record(three_temporal)).tier == "A"
    b = three_temporal + [("dc:type", Literal("t"))]
    assert tiers.classify_enabling(_record(b[1:])).tier == "B"
    assert tiers.classify_enabling(_record(b)).tier == "C"


def test_subject_counts_only_when_linked_to_a_contextual_entity():
    literal = _record([("dc:subject", Literal("temples", "en"))])
    assert tiers.classify_enabling(literal).elements == []
    linked = _record([("dc:subject", Ref("c"))],
                     [Entity("skos:Concept", "c", [Literal("temples", "en")])])
    assert tiers.classify_enabling(linked).elements == ["dc:subject"]
    assert tiers.classify_enabling(linked).groups == ["conceptual"]


def test_contextual_completeness_rules():
    place = Entity("edm:Place", "p", [Literal("A", "en")],
                   [("wgs84_pos:lat", Literal("1")), ("wgs84_pos:long", Literal("2"))])
    span = Entity("edm:TimeSpan", "t", [], [("edm:begin", Literal("1500"))])
    concept = Entity("skos:Concept", "c", [Literal("x", "en")],
                     [("skos:note", Literal("n", "en"))])
    record = _record([("dcterms:spatial", Ref("p")), ("dcterms:temporal", Ref("t")),
                      ("dc:type", Ref("c"))], [place, span, concept])
    details = tiers.classify_contextual(record)
    assert details.complete == ["skos:Concept", "edm:Place"]
    assert details.incomplete == ["edm:TimeSpan"]
    assert details.tier == "C"
    # An entity that the CHO does not link does not count.
    record.cho = [("dcterms:spatial", Ref("p"))]
    assert tiers.classify_contextual(record).tier == "B"


def test_overall_is_lowest_dimension():
    assert tiers.lowest("C", "A", "B") == "A"
    assert tiers.lowest("C", "C", "C") == "C"
    assert tiers.lowest("0", "C", "B") == "0"


def test_prediction_reads_the_same_record_as_the_export(asset):
    record = record_for(asset)
    assert tiers.predict_record(record).as_dict() == tiers.predict(asset).as_dict()
