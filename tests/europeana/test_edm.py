"""EDM export: valid against EDM.xsd and Europeana's Schematron, language-tagged, no leaks."""

import pytest
from lxml import etree

from campaign import choices
from europeana.edm import NS, edm_xml, record_to_xml
from europeana.record import record_for
from tests.europeana.conftest import fake_model, translate, with_models

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TEXT_PROPERTIES = (
    "dc:title", "dc:description", "dcterms:created", "dcterms:hasPart", "skos:prefLabel",
    "skos:note", "dc:rights", "edm:dataProvider", "edm:provider",
)
# Europeana's Schematron only knows these spellings (EDM-EXTERNAL-MAIN.xsd, schematron.xsl).
SCHEMATRON_RIGHTS = (
    r"^http[:]//rightsstatements[.]org/vocab/(NoC-NC|NoC-OKLR|InC|InC-EDU|InC-OW-EU|CNE)/1[.]0/$"
)
SCHEMATRON_SOURCE_TYPE_BASE = "https://cv.iptc.org/newscodes/digitalsourcetype/"


def parse(xml):
    return etree.fromstring(xml)


def xpath(tree, expression):
    return tree.xpath(expression, namespaces=NS)


def assert_valid(validator, xml):
    result = validator(xml)
    assert result.valid, "\n".join(result.errors) + "\n" + xml.decode()


def assert_text_is_tagged(tree):
    for name in TEXT_PROPERTIES:
        for element in xpath(tree, f"//{name}"):
            assert element.get(XML_LANG), f"{name} without xml:lang: {element.text!r}"


def test_choices_use_the_uris_europeana_accepts():
    """The controlled lists must be spelt as Europeana's Schematron expects."""
    import re

    rightsstatements = [u for u in choices.RIGHTS_URIS if "rightsstatements.org" in u]
    wrong = [u for u in rightsstatements if not re.match(SCHEMATRON_RIGHTS, u)]
    assert not wrong, f"rights URIs Europeana rejects (should be …/InC-OW-EU/1.0/): {wrong}"
    assert choices.digital_source_type_uri("digitalCapture").startswith(
        SCHEMATRON_SOURCE_TYPE_BASE
    ), "Europeana's Schematron requires https://cv.iptc.org/newscodes/digitalsourcetype/…"


def test_every_demo_asset_is_valid_with_and_without_model(assets, validator):
    assert len(assets) >= 5
    for page in assets:
        # As the demo has them (with the 3D models models3d processed, if any).
        xml = edm_xml(page)
        assert_valid(validator, xml)
        tree = parse(xml)
        assert xpath(tree, "//edm:ProvidedCHO/edm:type/text()") == ["3D"]
        ready = [m for m in page.three_d_models() if m.is_ready]
        assert bool(xpath(tree, "//ore:Aggregation/edm:isShownBy")) == bool(ready)
        for model in ready:
            assert xpath(tree, "//ore:Aggregation/edm:hasView/@rdf:resource").count(
                "http://localhost:8000" + model.web_file.url) == 1
        assert_text_is_tagged(tree)

        # Without a model: a landing page only, nothing to embed.
        with_models(page)
        xml = record_to_xml(record_for(page))
        assert_valid(validator, xml)
        assert not xpath(parse(xml), "//ore:Aggregation/edm:isShownBy")

        with_models(page, fake_model(pk=page.pk))
        xml = record_to_xml(record_for(page))
        assert_valid(validator, xml)
        assert_text_is_tagged(parse(xml))


def test_mapping_of_one_asset(asset, validator, settings):
    settings.EUROPEANA_PROVIDER_NAME = "Test Aggregator"
    with_models(asset, fake_model(point_count=0))
    tree = parse(record_to_xml(record_for(asset)))
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    cho = f"{base}/id/asset/{asset.pk}"
    assert xpath(tree, "//edm:ProvidedCHO/@rdf:about") == [cho]
    assert xpath(tree, "//dc:title/text()") == [asset.title]
    assert xpath(tree, "//dc:title/@xml:lang") == ["en"]
    # Place with coordinates, time span with ISO years (449 BCE is astronomical -0448).
    place = xpath(tree, "//edm:Place")[0]
    assert place.get(f"{{{NS['rdf']}}}about") == f"{cho}/place"
    assert xpath(place, "wgs84_pos:lat/text()") == ["37.975556"]
    assert xpath(place, "wgs84_pos:long/text()") == ["23.721389"]
    assert xpath(tree, "//edm:TimeSpan/edm:begin/text()") == ["-0448"]
    assert xpath(tree, "//edm:TimeSpan/edm:end/text()") == ["-0414"]
    aggregation = xpath(tree, "//ore:Aggregation")[0]
    assert xpath(aggregation, "edm:dataProvider/text()") == [asset.institution.name]
    assert xpath(aggregation, "edm:provider/text()") == ["Test Aggregator"]
    assert xpath(aggregation, "edm:rights/@rdf:resource") == [asset.rights_uri]
    assert xpath(aggregation, "edm:isShownAt/@rdf:resource") == [asset.get_full_url()]
    shown_by = xpath(aggregation, "edm:isShownBy/@rdf:resource")[0]
    assert shown_by.startswith(f"{base}/oembed/?url=") and shown_by.endswith("&format=json")
    assert xpath(aggregation, "edm:object/@rdf:resource") == [
        f"{base}/media/models3d/{1}/thumb.jpg"
    ]
    # The 3D web resources.
    model = xpath(tree, f"//edm:WebResource[@rdf:about='{base}/media/models3d/1/web.glb']")[0]
    assert xpath(model, "edm:type/text()") == ["3D"]
    assert xpath(model, "edm:vertexCount/text()") == ["120000"]
    assert xpath(model, "edm:polygonCount/text()") == ["240000"]
    assert xpath(model, "edm:pointCount") == []  # zero points: not a point cloud
    assert xpath(model, "dc:format/text()") == ["model/gltf-binary"]
    assert xpath(model, "edm:intendedUsage/@rdf:resource") == [
        choices.usage_area_uri(code) for code in asset.usage_areas
    ]
    assert xpath(model, "schema:digitalSourceType/@rdf:resource") == [
        choices.digital_source_type_uri(asset.digital_source_type)
    ]
    assert xpath(model, "rdfs:seeAlso/@rdf:resource") == [
        f"{base}/api/v1/assets/{asset.pk}/paradata"
    ]
    embed = xpath(tree, f"//edm:WebResource[@rdf:about='{shown_by}']")[0]
    assert xpath(embed, "edm:type/text()") == ["3D"]
    # oEmbed declared as Europeana's 3D guidelines ask: a service conforming to oEmbed, and the
    # GLB it shows, so the portal can swap the embed for the file.
    assert xpath(embed, "svcs:has_service/@rdf:resource") == [f"{base}/oembed/"]
    assert xpath(embed, "dcterms:isFormatOf/@rdf:resource") == [f"{base}/media/models3d/1/web.glb"]
    service = xpath(tree, "//svcs:Service")
    assert [s.get(f"{{{NS['rdf']}}}about") for s in service] == [f"{base}/oembed/"]
    assert xpath(service[0], "dcterms:conformsTo/@rdf:resource") == ["https://oembed.com/"]
    assert_valid(validator, record_to_xml(record_for(asset)))


def test_several_models_and_a_point_cloud(asset, validator):
    cc0 = "http://creativecommons.org/publicdomain/zero/1.0/"
    with_models(
        asset,
        fake_model(pk=1, title="Whole site"),
        fake_model(pk=2, title="Frieze detail", rights_uri=cc0, credit_line="Photo: A. B."),
        fake_model(pk=3, title="Scan", format="ply", web_file=None, vertex_count=0,
                   triangle_count=0, point_count=5_000_000),
    )
    xml = record_to_xml(record_for(asset))
    assert_valid(validator, xml)
    tree = parse(xml)
    views = xpath(tree, "//ore:Aggregation/edm:hasView/@rdf:resource")
    assert [v.rsplit("/", 2)[-2:] for v in views[:3]] == [
        ["1", "web.glb"], ["2", "web.glb"], ["3", "master.glb"]
    ]
    detail = xpath(tree, "//edm:WebResource[contains(@rdf:about, '/2/web.glb')]")[0]
    assert xpath(detail, "edm:rights/@rdf:resource") == [cc0]
    assert xpath(detail, "dc:rights/text()") == ["Photo: A. B."]
    cloud = xpath(tree, "//edm:WebResource[contains(@rdf:about, '/3/master.glb')]")[0]
    assert xpath(cloud, "edm:pointCount/text()") == ["5000000"]
    assert xpath(cloud, "edm:vertexCount") == []


def test_no_coordinates_no_dates(asset, validator):
    asset.latitude = asset.longitude = None
    asset.start_year = asset.end_year = None
    with_models(asset, fake_model())
    xml = record_to_xml(record_for(asset))
    assert_valid(validator, xml)
    tree = parse(xml)
    assert xpath(tree, "//edm:Place/skos:prefLabel/text()") == [asset.place_name]
    assert xpath(tree, "//wgs84_pos:lat") == []
    assert xpath(tree, "//edm:TimeSpan/edm:begin") == []


def test_minimal_asset_without_place_or_dating_is_still_valid(asset, validator):
    asset.latitude = asset.longitude = None
    asset.start_year = asset.end_year = None
    asset.place_name = asset.date_display = ""
    xml = record_to_xml(record_for(asset))
    assert_valid(validator, xml)
    assert xpath(parse(xml), "//edm:Place") == []


@pytest.mark.parametrize("rights", choices.RIGHTS_URIS)
def test_each_rights_uri(asset, validator, rights):
    asset.rights_uri = rights
    with_models(asset, fake_model())
    xml = record_to_xml(record_for(asset))
    assert_valid(validator, xml)
    assert xpath(parse(xml), "//ore:Aggregation/edm:rights/@rdf:resource") == [rights]


def test_translations_become_language_tagged_values(asset, validator):
    from campaign.languages import LANGUAGE_CODES

    others = [code for code in LANGUAGE_CODES if code != "en"]
    for code in others:
        translate(asset, code, title=f"{asset.title} [{code}]",
                  place_name=f"{asset.place_name} [{code}]",
                  summary=asset.summary)  # untranslated: must not be tagged as {code}
    with_models(asset, fake_model())
    xml = record_to_xml(record_for(asset))
    assert_valid(validator, xml)
    tree = parse(xml)
    titles = xpath(tree, "//edm:ProvidedCHO/dc:title")
    assert sorted(t.get(XML_LANG) for t in titles) == sorted(LANGUAGE_CODES)
    assert {t.get(XML_LANG): t.text for t in titles}["et"] == f"{asset.title} [et]"
    labels = xpath(tree, "//edm:Place/skos:prefLabel/@xml:lang")
    assert sorted(labels) == sorted(LANGUAGE_CODES)
    summaries = [d for d in xpath(tree, "//edm:ProvidedCHO/dc:description")
                 if d.text == asset.summary]
    assert [d.get(XML_LANG) for d in summaries] == ["en"]


def test_draft_translations_are_not_exported(asset):
    french = translate(asset, "fr", title="Brouillon secret")
    translate(asset, "de", title="Nie veröffentlicht", publish=False)
    french.title = "Texte non publié"
    french.save_revision()  # a newer draft revision; the live version stays
    xml = edm_xml(asset).decode()
    assert "Brouillon secret" in xml
    assert "Texte non publié" not in xml
    assert "Nie veröffentlicht" not in xml
    # Unpublishing the translation removes it.
    french.refresh_from_db()
    french.unpublish()
    assert "Brouillon secret" not in edm_xml(asset).decode()


def test_no_private_fields(asset, state):
    from twinit_pages.models import ContactPoint

    greece = state("GR")
    ContactPoint.objects.create(page=greece, name="Private Person", email="secret@example.org")
    xml = edm_xml(asset).decode()
    assert "secret@example.org" not in xml
    assert "Private Person" not in xml
