"""Europeana Data Model (RDF/XML) of a published asset, serialised from its AssetRecord.

Elements are written in the order Europeana's EDM.xsd requires; every natural-language literal
carries ``xml:lang`` (codes, counts, coordinates and dates do not, as the EDM guidelines say).
"""

from __future__ import annotations

import functools

from lxml import etree

from .record import OEMBED_SPEC, AssetRecord, Entity, Literal, Ref, record_for

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "edm": "http://www.europeana.eu/schemas/edm/",
    "ore": "http://www.openarchives.org/ore/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wgs84_pos": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "schema": "https://schema.org/",
    "svcs": "http://rdfs.org/sioc/services#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RDF_ABOUT = f"{{{NS['rdf']}}}about"
RDF_RESOURCE = f"{{{NS['rdf']}}}resource"

# edm:ProvidedCHO: the DC and DCTERMS elements (any order, grouped here for readability), then
# the EDM sequence of BaseProvidedCHOType, then edm:type and owl:sameAs.
CHO_DC_ORDER = (
    "dc:contributor", "dc:coverage", "dc:creator", "dc:date", "dc:description", "dc:format",
    "dc:identifier", "dc:language", "dc:publisher", "dc:relation", "dc:rights", "dc:source",
    "dc:subject", "dc:title", "dc:type", "dcterms:alternative", "dcterms:conformsTo",
    "dcterms:created", "dcterms:extent", "dcterms:hasFormat", "dcterms:hasPart",
    "dcterms:hasVersion", "dcterms:isFormatOf", "dcterms:isPartOf", "dcterms:isReferencedBy",
    "dcterms:isReplacedBy", "dcterms:isRequiredBy", "dcterms:issued", "dcterms:isVersionOf",
    "dcterms:medium", "dcterms:provenance", "dcterms:references", "dcterms:replaces",
    "dcterms:requires", "dcterms:spatial", "dcterms:tableOfContents", "dcterms:temporal",
)
CHO_EDM_ORDER = (
    "edm:currentLocation", "edm:hasMet", "edm:hasType", "edm:incorporates",
    "edm:isDerivativeOf", "edm:isNextInSequence", "edm:isRelatedTo", "edm:isRepresentationOf",
    "edm:isSimilarTo", "edm:isSuccessorOf", "edm:realizes",
)
CHO_ORDER = {name: i for i, name in enumerate(CHO_DC_ORDER + CHO_EDM_ORDER)}
# Contextual classes: the sequence of each type after rdf:about (prefLabel first except Place).
ENTITY_ORDER = {
    "edm:Place": ("wgs84_pos:lat", "wgs84_pos:long", "wgs84_pos:alt", "skos:prefLabel",
                  "skos:altLabel", "skos:note", "dcterms:hasPart", "dcterms:isPartOf",
                  "edm:isNextInSequence", "owl:sameAs"),
    "edm:TimeSpan": ("skos:prefLabel", "skos:altLabel", "skos:note", "dcterms:hasPart",
                     "dcterms:isPartOf", "edm:begin", "edm:end", "edm:isNextInSequence",
                     "owl:sameAs"),
    "edm:Agent": ("skos:prefLabel", "skos:altLabel", "skos:note", "dc:date", "dc:identifier",
                  "dcterms:hasPart", "dcterms:isPartOf", "edm:begin", "edm:end", "edm:hasMet",
                  "edm:isRelatedTo", "foaf:name", "owl:sameAs"),
    "skos:Concept": ("skos:prefLabel", "skos:altLabel", "skos:broader", "skos:narrower",
                     "skos:related", "skos:exactMatch", "skos:closeMatch", "skos:note",
                     "skos:notation", "skos:inScheme"),
}


@functools.lru_cache(maxsize=256)
def qname(name):
    prefix, local = name.split(":", 1)
    return f"{{{NS[prefix]}}}{local}"


_SubElement = etree.SubElement


def _add(parent, name, value):
    if isinstance(value, Ref):
        return _SubElement(parent, qname(name), {RDF_RESOURCE: value.uri})
    if isinstance(value, Literal):
        element = _SubElement(parent, qname(name), {XML_LANG: value.lang} if value.lang else {})
        element.text = value.value
        return element
    element = _SubElement(parent, qname(name))
    element.text = str(value)
    return element


def _resource(parent, name, uri):
    if uri:
        _SubElement(parent, qname(name), {RDF_RESOURCE: uri})


def _cho(root, record: AssetRecord):
    cho = etree.SubElement(root, qname("edm:ProvidedCHO"))
    cho.set(RDF_ABOUT, record.cho_uri)
    statements = sorted(
        enumerate(record.cho), key=lambda item: (CHO_ORDER.get(item[1][0], 999), item[0])
    )
    for _index, (name, value) in statements:
        _add(cho, name, value)
    _add(cho, "edm:type", "3D")


def _web_resource(root, resource):
    element = etree.SubElement(root, qname("edm:WebResource"))
    element.set(RDF_ABOUT, resource.uri)
    for value in resource.descriptions:
        _add(element, "dc:description", value)
    for value in resource.formats:
        _add(element, "dc:format", Literal(value))
    for value in resource.rights_credit:
        _add(element, "dc:rights", value)
    for uri in resource.is_format_of:
        _resource(element, "dcterms:isFormatOf", uri)
    _resource(element, "edm:rights", resource.rights_uri)
    for name, count in (("edm:pointCount", resource.point_count),
                        ("edm:polygonCount", resource.polygon_count),
                        ("edm:vertexCount", resource.vertex_count)):
        if count:
            _add(element, name, str(int(count)))
    for uri in resource.see_also:
        _resource(element, "rdfs:seeAlso", uri)
    for uri in resource.services:
        _resource(element, "svcs:has_service", uri)
    if resource.edm_type == "3D":
        _add(element, "edm:type", "3D")
        _resource(element, "schema:digitalSourceType", resource.digital_source_type)
        for uri in resource.intended_usage:
            _resource(element, "edm:intendedUsage", uri)


def _entity(root, entity: Entity):
    element = etree.SubElement(root, qname(entity.kind))
    element.set(RDF_ABOUT, entity.uri)
    statements = [("skos:prefLabel", label) for label in entity.pref_labels]
    statements += entity.properties
    order = {name: i for i, name in enumerate(ENTITY_ORDER.get(entity.kind, ()))}
    for _index, (name, value) in sorted(
        enumerate(statements), key=lambda item: (order.get(item[1][0], 999), item[0])
    ):
        _add(element, name, value)


def _aggregation(root, record: AssetRecord):
    element = etree.SubElement(root, qname("ore:Aggregation"))
    element.set(RDF_ABOUT, record.aggregation_uri)
    _resource(element, "edm:aggregatedCHO", record.cho_uri)
    if record.data_provider is not None:
        _add(element, "edm:dataProvider", record.data_provider)
    for uri in record.has_views:
        _resource(element, "edm:hasView", uri)
    _resource(element, "edm:isShownAt", record.is_shown_at)
    _resource(element, "edm:isShownBy", record.is_shown_by)
    _resource(element, "edm:object", record.object_uri)
    _add(element, "edm:provider", record.provider)
    for value in record.aggregation_rights:
        _add(element, "dc:rights", value)
    _resource(element, "edm:rights", record.rights_uri)


ENTITY_KINDS_ORDER = ("edm:Agent", "edm:Place", "edm:TimeSpan", "skos:Concept")


def record_to_element(record: AssetRecord):
    """The rdf:RDF element of one record."""
    root = etree.Element(qname("rdf:RDF"), nsmap=NS)
    _cho(root, record)
    for resource in record.web_resources:
        _web_resource(root, resource)
    for uri in dict.fromkeys(uri for r in record.web_resources for uri in r.services):
        service = etree.SubElement(root, qname("svcs:Service"))
        service.set(RDF_ABOUT, uri)
        _resource(service, "dcterms:conformsTo", OEMBED_SPEC)
    for kind in ENTITY_KINDS_ORDER:
        for entity in record.entities:
            if entity.kind == kind:
                _entity(root, entity)
    _aggregation(root, record)
    return root


def record_to_xml(record: AssetRecord) -> bytes:
    return etree.tostring(
        record_to_element(record), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def edm_xml(page) -> bytes:
    """RDF/XML of a published asset page."""
    return record_to_xml(record_for(getattr(page, "specific", page)))
