"""OAI-PMH 2.0 conformance: every verb, error code, set, date range, resumption, deletions."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from lxml import etree

from europeana.models import OAIRecord
from europeana.oai import oai_identifier
from tests.publishing import publish_unreviewed

pytestmark = pytest.mark.urls("tests.europeana.urls")

NS = {
    "o": "http://www.openarchives.org/OAI/2.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "edm": "http://www.europeana.eu/schemas/edm/",
}


def oai(client, method="get", **params):
    response = getattr(client, method)("/oai/", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    tree = etree.fromstring(response.content)
    assert tree.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", x(tree, "o:responseDate/text()")[0])
    return tree


def x(tree, expression):
    return tree.xpath(expression, namespaces=NS)


def error_codes(tree):
    return x(tree, "o:error/@code")


def identifiers(tree):
    return x(tree, "//o:header/o:identifier/text()")


@pytest.fixture
def sources(demo_site):
    from europeana.state import public_assets

    return list(public_assets().order_by("pk"))


def harvest(client, verb="ListIdentifiers", **params):
    """Follow resumption tokens to the end; return (identifiers, responses)."""
    tree = oai(client, verb=verb, **params)
    trees = [tree]
    while True:
        token = x(tree, f"o:{verb}/o:resumptionToken")
        if not token or not token[0].text:
            break
        tree = oai(client, verb=verb, resumptionToken=token[0].text)
        assert not error_codes(tree)
        trees.append(tree)
    return [i for t in trees for i in identifiers(t)], trees


def test_identify(client, sources):
    tree = oai(client, verb="Identify")
    identify = x(tree, "o:Identify")[0]
    assert x(identify, "o:baseURL/text()") == ["http://testserver/oai/"]
    assert x(identify, "o:protocolVersion/text()") == ["2.0"]
    assert x(identify, "o:deletedRecord/text()") == ["persistent"]
    assert x(identify, "o:granularity/text()") == ["YYYY-MM-DDThh:mm:ssZ"]
    assert x(identify, "o:adminEmail/text()")
    earliest = min(OAIRecord.objects.values_list("datestamp", flat=True))
    assert x(identify, "o:earliestDatestamp/text()") == [earliest.strftime("%Y-%m-%dT%H:%M:%SZ")]
    assert x(tree, "o:request/@verb") == ["Identify"]
    # POST is part of the protocol.
    assert x(oai(client, method="post", verb="Identify"), "o:Identify")


def test_list_metadata_formats(client, sources):
    tree = oai(client, verb="ListMetadataFormats")
    assert x(tree, "//o:metadataPrefix/text()") == ["edm", "oai_dc"]
    tree = oai(client, verb="ListMetadataFormats", identifier=oai_identifier(sources[0].pk))
    assert x(tree, "//o:metadataPrefix/text()") == ["edm", "oai_dc"]
    tree = oai(client, verb="ListMetadataFormats", identifier="oai:elsewhere:asset/1")
    assert error_codes(tree) == ["idDoesNotExist"]


def test_list_sets_one_per_member_state(client, sources):
    tree = oai(client, verb="ListSets")
    specs = x(tree, "//o:setSpec/text()")
    assert len(specs) == 27 and "EE" in specs and "GR" in specs
    assert x(tree, "//o:set[o:setSpec='EE']/o:setName/text()") == ["Estonia"]
    assert error_codes(oai(client, verb="ListSets", resumptionToken="abc")) == [
        "badResumptionToken"
    ]


def test_list_records_edm_are_valid_and_only_public_sources(client, sources, validator):
    assert sources
    tree = oai(client, verb="ListRecords", metadataPrefix="edm")
    records = x(tree, "//o:record")
    assert identifiers(tree) == [oai_identifier(p.pk) for p in
                                 sorted(sources, key=lambda p: (OAIRecord.objects.get(
                                     page_id=p.pk).datestamp, p.pk))]
    for record in records:
        rdf = x(record, "o:metadata/rdf:RDF")[0]
        result = validator(etree.tostring(rdf))
        assert result.xsd_errors == []
        assert x(record, "o:header/o:setSpec/text()")
    # No resumption token when everything fits in one page.
    assert not x(tree, "//o:resumptionToken")


def test_list_records_oai_dc(client, sources):
    tree = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    dcs = x(tree, "//o:metadata/oai_dc:dc")
    assert len(dcs) == len(sources)
    first = dcs[0]
    assert x(first, "dc:title/@xml:lang") == ["en"]
    assert "3D" in x(first, "dc:type/text()")
    assert x(first, "dc:rights/text()")[0].startswith("http://")


def test_get_record_and_its_errors(client, sources):
    page = sources[0]
    identifier = oai_identifier(page.pk)
    tree = oai(client, verb="GetRecord", identifier=identifier, metadataPrefix="edm")
    assert identifiers(tree) == [identifier]
    assert x(tree, "//edm:ProvidedCHO")
    assert error_codes(oai(client, verb="GetRecord", identifier=identifier,
                           metadataPrefix="marc")) == ["cannotDisseminateFormat"]
    assert error_codes(oai(client, verb="GetRecord", identifier="oai:x:asset/999999",
                           metadataPrefix="edm")) == ["idDoesNotExist"]
    assert error_codes(oai(client, verb="GetRecord", identifier=identifier)) == ["badArgument"]


@pytest.mark.parametrize("params", [
    {}, {"verb": "Frobnicate"}, {"verb": ["Identify", "Identify"]},
])
def test_bad_verb(client, db, params):
    tree = oai(client, **params)
    assert error_codes(tree) == ["badVerb"]
    assert x(tree, "o:request/@verb") == []


@pytest.mark.parametrize("params", [
    {"verb": "Identify", "extra": "1"},
    {"verb": "ListRecords"},
    {"verb": "ListRecords", "metadataPrefix": ["edm", "oai_dc"]},
    {"verb": "ListRecords", "metadataPrefix": "edm", "from": "yesterday"},
    {"verb": "ListRecords", "metadataPrefix": "edm", "from": "2025-01-01",
     "until": "2026-01-01T00:00:00Z"},
    {"verb": "ListRecords", "metadataPrefix": "edm", "from": "2026-02-01",
     "until": "2026-01-01"},
    {"verb": "ListIdentifiers", "metadataPrefix": "edm", "resumptionToken": "x"},
])
def test_bad_argument(client, db, params):
    tree = oai(client, **params)
    assert error_codes(tree) == ["badArgument"]
    assert x(tree, "o:request/@*") == []  # no attributes echoed on badArgument


def test_cannot_disseminate_and_bad_tokens(client, sources):
    assert error_codes(oai(client, verb="ListRecords", metadataPrefix="mods")) == [
        "cannotDisseminateFormat"
    ]
    for token in ("garbage", "eyJ2IjoyfQ", "%%%"):
        assert error_codes(oai(client, verb="ListIdentifiers", resumptionToken=token)) == [
            "badResumptionToken"
        ]


def test_sets(client, sources, state):
    tree = oai(client, verb="ListIdentifiers", metadataPrefix="edm", set="GR")
    greek = [p for p in sources if p.get_parent().specific.iso_code == "GR"]
    assert identifiers(tree) == [oai_identifier(p.pk) for p in greek]
    assert set(x(tree, "//o:setSpec/text()")) == {"GR"}
    assert error_codes(oai(client, verb="ListIdentifiers", metadataPrefix="edm",
                           set="XX")) == ["noRecordsMatch"]
    assert error_codes(oai(client, verb="ListIdentifiers", metadataPrefix="edm",
                           set="CY")) == ["noRecordsMatch"]


def test_date_ranges(client, sources):
    base = datetime(2026, 3, 10, 12, 0, 0, tzinfo=UTC)
    rows = list(OAIRecord.objects.order_by("id"))
    for index, row in enumerate(rows):
        row.datestamp = base + timedelta(days=index, microseconds=500)
        row.save()

    def listed(**dates):
        tree = oai(client, verb="ListIdentifiers", metadataPrefix="edm", **dates)
        if error_codes(tree) == ["noRecordsMatch"]:
            return []
        return identifiers(tree)

    ids = [oai_identifier(row.page_id) for row in rows]
    assert listed(**{"from": "2026-03-10"}) == ids
    assert listed(**{"from": "2026-03-11"}) == ids[1:]
    assert listed(until="2026-03-10") == ids[:1]  # a day includes its whole day
    assert listed(**{"from": "2026-03-11", "until": "2026-03-12"}) == ids[1:3]
    # Seconds granularity: inclusive at both ends.
    assert listed(**{"from": "2026-03-11T12:00:00Z", "until": "2026-03-11T12:00:00Z"}) == ids[1:2]
    assert listed(**{"from": "2026-03-11T12:00:01Z", "until": "2026-03-12T11:59:59Z"}) == []
    assert listed(until="2020-01-01") == []
    stamps = x(oai(client, verb="ListIdentifiers", metadataPrefix="edm"), "//o:datestamp/text()")
    assert stamps[0] == "2026-03-10T12:00:00Z"


def test_resumption_across_pages_while_publishing(client, sources, settings):
    settings.OAI_PAGE_SIZE = 2
    expected = {oai_identifier(p.pk) for p in sources}
    assert len(expected) > 4
    tree = oai(client, verb="ListIdentifiers", metadataPrefix="edm")
    token = x(tree, "//o:resumptionToken")[0]
    assert token.get("cursor") == "0"
    assert token.get("completeListSize") == str(len(expected))
    seen = identifiers(tree)
    # An asset already harvested is re-published, one not yet harvested too: nothing is
    # skipped, the re-published ones come again at the end.
    first = next(p for p in sources if oai_identifier(p.pk) == seen[0])
    publish_unreviewed(first)
    later = next(p for p in sources if oai_identifier(p.pk) not in seen)
    publish_unreviewed(later)
    cursors = []
    while token is not None and token.text:
        tree = oai(client, verb="ListIdentifiers", resumptionToken=token.text)
        assert not error_codes(tree)
        seen += identifiers(tree)
        token = (x(tree, "//o:resumptionToken") or [None])[0]
        cursors.append(token.get("cursor") if token is not None else None)
    assert set(seen) == expected
    assert seen.count(oai_identifier(first.pk)) == 2
    assert seen[-1] in {oai_identifier(first.pk), oai_identifier(later.pk)}
    assert cursors[0] == "2"
    # The last response carries an empty token.
    assert token is not None and token.text is None


def test_resumption_keeps_the_set_and_dates(client, sources, settings):
    settings.OAI_PAGE_SIZE = 1
    all_ids, _ = harvest(client, metadataPrefix="edm")
    greek_ids, trees = harvest(client, metadataPrefix="edm", set="GR")
    assert greek_ids and set(greek_ids) < set(all_ids)
    ids, trees = harvest(client, verb="ListRecords", metadataPrefix="oai_dc",
                         **{"from": "2000-01-01"})
    assert sorted(ids) == sorted(all_ids)
    assert all(x(t, "//oai_dc:dc") for t in trees)


def test_deleted_records_are_persistent(client, sources):
    page = sources[0]
    identifier = oai_identifier(page.pk)
    page.unpublish()
    tree = oai(client, verb="GetRecord", identifier=identifier, metadataPrefix="edm")
    assert x(tree, "//o:header/@status") == ["deleted"]
    assert x(tree, "//o:metadata") == []
    listed = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert x(listed, f"//o:record[o:header/o:identifier='{identifier}']/o:header/@status") == [
        "deleted"
    ]
    assert page.title not in etree.tostring(listed).decode()
    # Deleting the page keeps the deletion on record.
    page.refresh_from_db()
    page.delete()
    tree = oai(client, verb="GetRecord", identifier=identifier, metadataPrefix="edm")
    assert x(tree, "//o:header/@status") == ["deleted"]
    assert OAIRecord.objects.get(page_id=page.pk).deleted


def test_republished_asset_is_no_longer_deleted(client, sources):
    page = sources[1]
    page.unpublish()
    assert OAIRecord.objects.get(page_id=page.pk).deleted
    page.refresh_from_db()
    publish_unreviewed(page)
    assert not OAIRecord.objects.get(page_id=page.pk).deleted
    tree = oai(client, verb="GetRecord", identifier=oai_identifier(page.pk), metadataPrefix="edm")
    assert x(tree, "//o:header/@status") == []


def test_deleting_a_live_asset_records_a_deletion(client, sources):
    page = sources[2]
    page.delete()
    assert OAIRecord.objects.get(page_id=page.pk).deleted


def test_private_section_makes_records_deleted_and_hides_content(
    client, sources, state, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    greece = state("GR")
    greek = [p for p in sources if p.path.startswith(greece.path)]
    assert greek
    with django_capture_on_commit_callbacks(execute=False):
        restriction = PageViewRestriction.objects.create(page=greece, restriction_type="login")
    # Even before the rows are updated (on commit) the content is not served.
    body = etree.tostring(oai(client, verb="ListRecords", metadataPrefix="edm")).decode()
    for page in greek:
        assert page.title not in body
    with django_capture_on_commit_callbacks(execute=True):
        restriction.save()
    for page in greek:
        assert OAIRecord.objects.get(page_id=page.pk).deleted
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    for page in greek:
        assert not OAIRecord.objects.get(page_id=page.pk).deleted


def test_translations_are_not_records_and_touch_their_source(client, sources):
    from tests.europeana.conftest import translate

    page = sources[0]
    before = OAIRecord.objects.get(page_id=page.pk).datestamp
    french = translate(page, "fr", title="Temple d'Héphaïstos")
    assert not OAIRecord.objects.filter(page_id=french.pk).exists()
    assert OAIRecord.objects.get(page_id=page.pk).datestamp > before
    tree = oai(client, verb="GetRecord", identifier=oai_identifier(page.pk), metadataPrefix="edm")
    assert x(tree, "//edm:ProvidedCHO/*[local-name()='title'][@xml:lang='fr']/text()") == [
        "Temple d'Héphaïstos"
    ]
    all_ids, _ = harvest(client, metadataPrefix="edm")
    assert oai_identifier(french.pk) not in all_ids


def test_drafts_and_private_fields_never_appear(client, sources, state):
    from twinit_pages.models import ContactPoint, HeritageAssetPage

    greece = state("GR")
    ContactPoint.objects.create(page=greece, name="Hidden Contact", email="hidden@example.org")
    draft = HeritageAssetPage(title="Unpublished draft asset", slug="draft-asset")
    greece.add_child(instance=draft)
    draft.save_revision()
    live = sources[0]
    live.title = "Draft title of a live page"
    live.save_revision()
    for prefix in ("edm", "oai_dc"):
        ids, trees = harvest(client, verb="ListRecords", metadataPrefix=prefix)
        body = "".join(etree.tostring(t).decode() for t in trees)
        for secret in ("hidden@example.org", "Hidden Contact", "Unpublished draft asset",
                       "Draft title of a live page"):
            assert secret not in body
        assert oai_identifier(draft.pk) not in ids
