"""The one public record of a heritage asset, built from a page: EDM, tiers and exports read it.

``record_for(page)`` gathers everything a published asset shows to the outside world into plain
dataclasses: the ``edm:ProvidedCHO`` statements (property, value) with language tags, the
contextual entities they link to, the web resources (3D models, images) and the aggregation.
``europeana.edm`` serialises this record to RDF/XML and ``europeana.tiers`` classifies the very
same statements the way Europeana's ingestion software does, so the tier shown to editors is the
tier of what we export.

Only public fields are read: contact points, revisions and drafts never reach a record. Callers
decide which pages are public (``europeana.state.public_assets``); the readiness check may also pass a draft.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags

from campaign import choices
from models3d.processing import formats

# --- the record -------------------------------------------------------------------------------

EDM_TYPE_3D = "3D"


@dataclass(frozen=True)
class Literal:
    """A text value; ``lang`` is the language of the page it comes from ("" for codes)."""

    value: str
    lang: str = ""


@dataclass(frozen=True)
class Ref:
    """A link to a resource (``rdf:resource``), e.g. a contextual entity or a vocabulary term."""

    uri: str


@dataclass
class Entity:
    """A contextual entity: ``kind`` is the EDM class ("edm:Place", "edm:TimeSpan", …)."""

    kind: str
    uri: str
    pref_labels: list[Literal] = field(default_factory=list)
    # Further (qualified name, Literal | Ref) statements, serialised in schema order by edm.py.
    properties: list[tuple[str, Literal | Ref]] = field(default_factory=list)

    def values(self, name):
        return [value for prop, value in self.properties if prop == name]


@dataclass
class ModelInfo:
    """A 3D model as the export sees it (adapter over models3d's ThreeDModel, see model_info)."""

    pk: object
    title: str
    format: str
    mime_type: str
    file_size: int | None
    vertex_count: int | None
    triangle_count: int | None
    point_count: int | None
    rights_uri: str
    credit_line: str
    master_url: str
    web_url: str
    thumbnail_url: str
    master_sha256: str = ""
    # [{role, file, bytes, triangle_count, max_texture_size, url}] (see ThreeDModel.derivatives)
    derivatives: list[dict] = field(default_factory=list)
    # The storage files themselves (Django FieldFile), for the dataset export; never serialised.
    web_file: object = None
    thumbnail_file: object = None


@dataclass
class WebResource:
    uri: str
    edm_type: str = ""  # "3D" or "IMAGE"
    formats: list[str] = field(default_factory=list)
    descriptions: list[Literal] = field(default_factory=list)
    rights_credit: list[Literal] = field(default_factory=list)  # dc:rights
    rights_uri: str = ""  # edm:rights
    point_count: int | None = None
    polygon_count: int | None = None
    vertex_count: int | None = None
    see_also: list[str] = field(default_factory=list)
    digital_source_type: str = ""
    intended_usage: list[str] = field(default_factory=list)
    # The oEmbed resource: the 3D file it shows (dcterms:isFormatOf) and the service it
    # conforms to (svcs:has_service), as Europeana's 3D guidelines ask.
    is_format_of: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)


@dataclass
class AssetRecord:
    page_id: int | None
    identifier: str  # local identifier, stable across translations and re-publication
    language: str  # language of the source page
    languages: list[str]  # source language first, then approved translations
    country: str  # ISO 3166 code of the Member State, "" if unknown
    title: str
    cho_uri: str
    aggregation_uri: str
    # edm:ProvidedCHO statements (qualified name, value) in the order they were gathered.
    cho: list[tuple[str, Literal | Ref]]
    entities: list[Entity]
    web_resources: list[WebResource]
    models: list[ModelInfo]
    data_provider: Literal | None
    provider: Literal
    rights_uri: str  # aggregation edm:rights
    aggregation_rights: list[Literal]  # dc:rights of the aggregation (credit line)
    is_shown_at: str
    is_shown_by: str  # oEmbed URL of our viewer, "" without a ready 3D model
    object_uri: str  # thumbnail, "" if none
    has_views: list[str]
    paradata_url: str
    last_modified: object = None

    def cho_values(self, name):
        return [value for prop, value in self.cho if prop == name]

    def entity(self, uri):
        for entity in self.entities:
            if entity.uri == uri:
                return entity
        return None

    @property
    def three_d_resource(self):
        """The web resource Europeana reads or embeds (isShownBy), or None."""
        for resource in self.web_resources:
            if resource.uri == self.is_shown_by:
                return resource
        return None


# --- URIs -------------------------------------------------------------------------------------


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(url):
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return "https:" + url
    return base_url() + (url if url.startswith("/") else "/" + url)


def public_url(name, *args):
    """The absolute URL of one of our public routes (europeana/urls.py), by its name: a route
    that moves takes every exported link with it."""
    return base_url() + reverse(name, args=args)


def route_id(identifier):
    # A page not saved yet (a draft the readiness check reads) has no id; its URIs are never
    # published, and 0 resolves to no asset.
    return int(identifier) if str(identifier).isdigit() else 0


def cho_uri(identifier):
    return public_url("europeana_id", route_id(identifier))


def _id_part(identifier, part):
    return public_url("europeana_id_part", route_id(identifier), part)


def aggregation_uri(identifier):
    return _id_part(identifier, "aggregation")


def place_uri(identifier):
    return _id_part(identifier, "place")


def timespan_uri(identifier):
    return _id_part(identifier, "timespan")


def heritage_type_uri(code):
    # A concept of our own vocabulary: a URI that names it, not a route of the site.
    return f"{base_url()}/id/heritage-type/{code}"


def paradata_url(identifier):
    return public_url("europeana_api_paradata", route_id(identifier))


def api_url(identifier):
    return public_url("europeana_api_asset", route_id(identifier))


def edm_url(identifier):
    return public_url("europeana_api_edm", route_id(identifier))


OEMBED_SPEC = "https://oembed.com/"


def oembed_service_uri():
    """The svcs:Service our oEmbed web resources point at: the oEmbed endpoint itself."""
    return public_url("europeana_oembed")


def oembed_url(page_url):
    return oembed_service_uri() + "?" + urlencode({"url": page_url, "format": "json"})


def embed_url(identifier):
    return public_url("europeana_embed", route_id(identifier))


# --- values -----------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def plain_text(value):
    """Rich text or plain text as one clean line of text."""
    if not value:
        return ""
    value = str(value)
    if "<" not in value and "&" not in value:
        return _SPACE.sub(" ", value).strip()
    text = html.unescape(strip_tags(str(value).replace("</p>", "</p> ").replace("<br", " <br")))
    return _SPACE.sub(" ", text).strip()


def iso_year(year):
    """An ISO 8601 year (astronomical numbering: 1 BCE is 0000, 449 BCE is -0448)."""
    if year is None:
        return ""
    astronomical = year + 1 if year < 0 else year
    sign = "-" if astronomical < 0 else ""
    return f"{sign}{abs(astronomical):04d}"


def language_of(page):
    locale = getattr(page, "locale", None)
    code = getattr(locale, "language_code", "") if locale is not None else ""
    return (code or settings.LANGUAGE_CODE).split("-")[0].lower()


# Definitions of our heritage-type vocabulary, exported as skos:note of each skos:Concept.
HERITAGE_TYPE_NOTES = {
    "monument": "A structure or sculpture of historical, artistic or commemorative value.",
    "archaeological_site": "A place where remains of past human activity are preserved, "
    "excavated or surveyed.",
    "building": "A roofed structure made for people to use or live in, of heritage value.",
    "movable_object": "A heritage object that can be moved, such as an artefact, artwork or "
    "specimen.",
    "collection": "A set of heritage objects kept and described together.",
    "cultural_landscape": "An area shaped by the combined work of nature and people.",
    "underwater_heritage": "Traces of human existence that lie partly or totally under water.",
    "industrial_heritage": "Remains of industrial culture: buildings, machinery, sites and "
    "infrastructure.",
    "intangible_heritage": "Practices, performances or skills, documented here in 3D.",
}


# --- 3D models: the one adapter over models3d ---------------------------------------------------


def _url(field_file):
    """Absolute URL of a stored file, "" for an empty FileField."""
    return absolute(field_file.url) if field_file else ""


def model_info(model):
    """A ModelInfo from a models3d ThreeDModel: the one place the export reads 3D models."""
    fmt = (model.format or "").lower()
    web_url = _url(model.web_file)
    return ModelInfo(
        pk=model.pk,
        title=model.title,
        format=fmt,
        # The viewer's web derivative is always GLB; without one, the master's own type.
        mime_type=formats.WEB_FORMAT.mime_type if web_url else formats.mime_type(fmt),
        file_size=model.file_size,
        vertex_count=model.vertex_count,
        triangle_count=model.triangle_count,
        point_count=model.point_count,
        rights_uri=model.rights_uri or "",
        credit_line=model.credit_line or "",
        master_url=_url(model.file),
        web_url=web_url,
        thumbnail_url=_url(model.thumbnail),
        master_sha256=model.master_sha256,
        derivatives=[{**d, "url": _url(model.derivative_file(d["role"]))}
                     for d in model.derivatives],
        web_file=model.web_file or None,
        thumbnail_file=model.thumbnail or None,
    )


def ready_models(page):
    """The page's 3D models that finished processing, as ModelInfo, in the page's order."""
    return [model_info(model) for model in page.three_d_models() if model.is_ready]


def model_ids(page):
    """Ids of the models the page's 3D blocks reference, in order, read without loading them."""
    ids = []
    for block in page.models_3d.raw_data:
        model_id = (block.get("value") or {}).get("model") if block.get("type") == "model" else None
        if model_id and model_id not in ids:
            ids.append(model_id)
    return ids


def ready_models_for_pages(pages):
    """{page pk: ready ModelInfos} for many pages, with one query for all their models."""
    from models3d.models import ThreeDModel

    wanted = {page.pk: model_ids(page) for page in pages}
    found = ThreeDModel.objects.filter(status=ThreeDModel.Status.READY).in_bulk(
        {model_id for ids in wanted.values() for model_id in ids}
    )
    return {
        pk: [model_info(found[model_id]) for model_id in ids if model_id in found]
        for pk, ids in wanted.items()
    }


# --- building the record ----------------------------------------------------------------------


def _page_url(page, identifier):
    url = ""
    if getattr(page, "pk", None):
        try:
            url = page.get_full_url() or ""
        except Exception:  # noqa: BLE001 - no Site configured
            url = ""
    return absolute(url) if url else cho_uri(identifier)


def _image_url(image):
    try:
        return absolute(image.file.url)
    except (ValueError, AttributeError):
        return ""


def translations_of(page):
    """Live translations of a saved page in other locales (approved translations only)."""
    if not getattr(page, "pk", None):
        return []
    try:
        return list(page.get_translations().live().specific().select_related("locale"))
    except Exception:  # noqa: BLE001
        return []


def _texts(pages, getter):
    """Language-tagged values of one field across the source page and its translations; a
    translated value identical to the source text is an untranslated fallback and is skipped."""
    source_value = None
    values = []
    seen = set()
    for index, page in enumerate(pages):
        value = plain_text(getter(page))
        if not value:
            continue
        if index == 0:
            source_value = value
        elif value == source_value:
            continue
        lang = language_of(page)
        if (value, lang) in seen:
            continue
        seen.add((value, lang))
        values.append(Literal(value, lang))
    return values


def record_for(page, *, translations=None, models=None, country=None, page_url=None):
    """The AssetRecord of a HeritageAssetPage (``page.specific``).

    The keyword arguments let bulk callers (OAI-PMH, exports, benchmark) pass what they
    prefetched; by default everything is read from the page. The record is put together from
    three builders: the CHO's statements with the contextual entities they link to
    (``cho_statements``), and the web resources (``web_resources``).
    """
    identifier = str(page.pk) if getattr(page, "pk", None) else "draft"
    lang = language_of(page)
    if translations is None:
        translations = translations_of(page)
    translations = [t for t in translations if language_of(t) != lang]
    pages = [page, *translations]
    languages = [lang] + sorted({language_of(t) for t in translations})
    if models is None:
        models = ready_models(page)
    if country is None:
        try:
            country = page.country_code
        except Exception:  # noqa: BLE001 - unsaved page without a parent
            country = ""
    url = page_url or _page_url(page, identifier)
    cho, entities = cho_statements(page, pages, identifier)
    credits = _texts(pages, lambda p: getattr(p, "credit_line", ""))
    views = web_resources(page, pages, models, url, identifier, credits)
    institution = getattr(page, "institution", None) if page.institution_id else None
    data_provider = Literal(institution.name, language_of(institution)) if institution else None

    return AssetRecord(
        page_id=page.pk,
        identifier=identifier,
        language=lang,
        languages=languages,
        country=country or "",
        title=page.title,
        cho_uri=cho_uri(identifier),
        aggregation_uri=aggregation_uri(identifier),
        cho=cho,
        entities=entities,
        web_resources=views.resources,
        models=list(models),
        data_provider=data_provider,
        provider=Literal(settings.EUROPEANA_PROVIDER_NAME, "en"),
        rights_uri=page.rights_uri or "",
        aggregation_rights=credits,
        is_shown_at=url,
        is_shown_by=views.is_shown_by,
        object_uri=views.object_uri,
        has_views=views.has_views,
        paradata_url=paradata_url(identifier),
        last_modified=getattr(page, "last_published_at", None),
    )


# --- the ProvidedCHO and its contextual entities -----------------------------------------------


def cho_statements(page, pages, identifier):
    """(the edm:ProvidedCHO's (property, value) statements, the contextual entities they link
    to), from the source page and its translations (``pages``, source first)."""
    cho = []
    entities = []
    for value in _texts(pages, lambda p: p.title):
        cho.append(("dc:title", value))
    for value in _texts(pages, lambda p: getattr(p, "summary", "")):
        cho.append(("dc:description", value))
    for value in _texts(pages, lambda p: getattr(p, "description", "")):
        cho.append(("dc:description", value))
    concept = _heritage_type_concept(page)
    if concept is not None:
        entities.append(concept)
        cho.append(("dc:type", Ref(concept.uri)))
    created = _texts(pages, lambda p: getattr(p, "date_display", ""))
    for value in created:
        cho.append(("dcterms:created", value))
    timespan = _time_span(page, identifier, created)
    if timespan is not None:
        entities.append(timespan)
        cho.append(("dcterms:temporal", Ref(timespan.uri)))
    place = _place(page, pages, identifier)
    if place is not None:
        entities.append(place)
        cho.append(("dcterms:spatial", Ref(place.uri)))
    # Elements within the site.
    for element_name in _element_names(pages):
        cho.append(("dcterms:hasPart", element_name))
    return cho, entities


def _heritage_type_concept(page):
    """The heritage type: a concept of our vocabulary, labelled in English (the list's language)."""
    if not page.heritage_type:
        return None
    label = str(choices.label_for(choices.HERITAGE_TYPES, page.heritage_type))
    concept = Entity("skos:Concept", heritage_type_uri(page.heritage_type), [Literal(label, "en")])
    note = HERITAGE_TYPE_NOTES.get(page.heritage_type)
    if note:
        concept.properties.append(("skos:note", Literal(note, "en")))
    return concept


def _time_span(page, identifier, created):
    """Dating: a time span with the dates as readers see them and begin and end years."""
    if page.start_year is None and page.end_year is None and not created:
        return None
    timespan = Entity("edm:TimeSpan", timespan_uri(identifier), list(created))
    if page.start_year is not None:
        timespan.properties.append(("edm:begin", Literal(iso_year(page.start_year))))
    end = page.end_year if page.end_year is not None else page.start_year
    if end is not None:
        timespan.properties.append(("edm:end", Literal(iso_year(end))))
    return timespan if timespan.pref_labels or timespan.properties else None


def _place(page, pages, identifier):
    """Location: a place with its names in every language and WGS 84 coordinates."""
    place_names = _texts(pages, lambda p: getattr(p, "place_name", ""))
    has_coordinates = page.latitude is not None and page.longitude is not None
    if not (place_names or has_coordinates):
        return None
    place = Entity("edm:Place", place_uri(identifier), list(place_names))
    if has_coordinates:
        place.properties.append(("wgs84_pos:lat", Literal(_coordinate(page.latitude))))
        place.properties.append(("wgs84_pos:long", Literal(_coordinate(page.longitude))))
    return place


# --- web resources ------------------------------------------------------------------------------


@dataclass
class Views:
    """The web resources of a record and the aggregation's links to them."""

    resources: list[WebResource] = field(default_factory=list)
    has_views: list[str] = field(default_factory=list)
    is_shown_by: str = ""
    object_uri: str = ""


def web_resources(page, pages, models, url, identifier, credits):
    """The 3D models (as the oEmbed viewer and as files), the gallery images and the preview
    image, each with its rights and 3D facts."""
    lang = language_of(page)
    rights_uri = page.rights_uri or ""
    usage = [choices.usage_area_uri(code) for code in (page.usage_areas or [])]
    source_type = (
        choices.digital_source_type_uri(page.digital_source_type)
        if page.digital_source_type else ""
    )
    paradata = paradata_url(identifier)

    def facts_of(model):
        """What every web resource of a 3D model states: rights, 3D counts, paradata, use."""
        return dict(
            rights_uri=model.rights_uri or rights_uri,
            point_count=model.point_count or None,
            polygon_count=model.triangle_count or None,
            vertex_count=model.vertex_count or None,
            see_also=[paradata],
            digital_source_type=source_type,
            intended_usage=usage,
        )

    views = Views()
    if models:
        primary = models[0]
        views.is_shown_by = oembed_url(url)
        views.resources.append(WebResource(
            uri=views.is_shown_by,
            edm_type=EDM_TYPE_3D,
            formats=["text/html"],
            descriptions=_texts(pages, lambda p: getattr(p, "summary", "")),
            rights_credit=credits,
            **facts_of(primary),
            is_format_of=[url for url, _mime in _model_files(primary)][:1],
            services=[oembed_service_uri()],
        ))
        for model in models:
            model_credit = [Literal(model.credit_line, lang)] if model.credit_line else credits
            for model_url, mime in _model_files(model):
                if model_url in views.has_views:
                    continue
                views.has_views.append(model_url)
                views.resources.append(WebResource(
                    uri=model_url,
                    edm_type=EDM_TYPE_3D,
                    formats=[mime],
                    descriptions=[Literal(model.title, lang)] if model.title else [],
                    rights_credit=model_credit,
                    **facts_of(model),
                ))

    views.object_uri = next((m.thumbnail_url for m in models if m.thumbnail_url), "")
    for image_url, alt in _gallery(page):
        if not views.object_uri:
            views.object_uri = image_url
        if image_url in views.has_views:
            continue
        views.has_views.append(image_url)
        views.resources.append(WebResource(
            uri=image_url, edm_type="IMAGE", formats=[],
            descriptions=[Literal(alt, lang)] if alt else [],
            rights_credit=credits, rights_uri=rights_uri,
        ))
    object_uri = views.object_uri
    if object_uri and not any(r.uri == object_uri for r in views.resources):
        views.resources.append(WebResource(
            uri=object_uri, edm_type="IMAGE", formats=["image/jpeg"] if object_uri.lower()
            .endswith((".jpg", ".jpeg")) else [], rights_credit=credits, rights_uri=rights_uri,
        ))
    return views


def _coordinate(value):
    return format(value.normalize() if hasattr(value, "normalize") else value, "f")


def _model_files(model):
    """(url, MIME type) of the files Europeana may fetch: the web GLB, else the master."""
    if model.web_url:
        yield model.web_url, formats.WEB_FORMAT.mime_type
    elif model.master_url:
        yield model.master_url, model.mime_type


def _element_names(pages):
    values = []
    seen = set()
    source_names = set()
    for index, page in enumerate(pages):
        elements = getattr(page, "elements", None)
        if elements is None:
            continue
        lang = language_of(page)
        for element in elements.all():
            name = plain_text(element.name)
            if not name:
                continue
            if index == 0:
                source_names.add(name)
            elif name in source_names:
                continue
            if (name, lang) not in seen:
                seen.add((name, lang))
                values.append(Literal(name, lang))
    return values


def _gallery(page):
    images = getattr(page, "gallery_images", None)
    if images is None:
        return []
    result = []
    for item in images.all():
        image = getattr(item, "image", None)
        url = _image_url(image) if image is not None else ""
        if url:
            result.append((url, item.alt_text))
    return result
