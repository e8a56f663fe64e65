"""Plain-data views of an asset for reusers: API JSON, schema.org JSON-LD, oEmbed, page meta.

Everything here reads the AssetRecord (europeana.record) plus public page fields, so the API,
the JSON-LD and the EDM export say the same thing.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.safestring import mark_safe

from campaign import choices
from models3d.processing import formats

from . import iiif
from .record import AssetRecord, api_url, edm_url, embed_url, oembed_url

SCHEMA_RIGHTS = {uri: short for uri, _label, short, _level in choices.RIGHTS_STATEMENTS}


def first_in(values, lang):
    """The value in ``lang``, else the first one."""
    for value in values:
        if value.lang == lang:
            return value.value
    return values[0].value if values else ""


def by_language(values):
    result = {}
    for value in values:
        result.setdefault(value.lang, value.value)
    return result


def place_of(record):
    for entity in record.entities:
        if entity.kind == "edm:Place":
            return entity
    return None


def coordinates(record):
    place = place_of(record)
    if not place or not place.values("wgs84_pos:lat"):
        return None, None
    return (float(place.values("wgs84_pos:lat")[0].value),
            float(place.values("wgs84_pos:long")[0].value))


def model_json(model):
    return {
        "title": model.title,
        "format": model.format,
        "media_type": model.mime_type,
        "file_size": model.file_size,
        "vertex_count": model.vertex_count,
        "triangle_count": model.triangle_count,
        "point_count": model.point_count,
        "master_url": model.master_url or None,
        "master_sha256": model.master_sha256 or None,
        "web_glb_url": model.web_url or None,
        "derivatives": model.derivatives,
        "thumbnail_url": model.thumbnail_url or None,
        "rights_uri": model.rights_uri or None,
        "credit_line": model.credit_line or None,
    }


def paradata_json(page):
    return {
        "capture_technique": page.capture_technique or None,
        "capture_technique_label": str(choices.label_for(choices.CAPTURE_TECHNIQUES,
                                                         page.capture_technique))
        if page.capture_technique else None,
        "digital_source_type": choices.digital_source_type_uri(page.digital_source_type)
        if page.digital_source_type else None,
        "equipment": page.capture_equipment or None,
        "software": page.processing_software or None,
        "capture_date": page.capture_date.isoformat() if page.capture_date else None,
        "processing_date": page.processing_date.isoformat() if page.processing_date else None,
        "operators": page.operators or None,
        "image_count": page.image_count,
        "scan_station_count": page.scan_station_count,
        "accuracy": page.accuracy or None,
        "resolution": page.resolution or None,
        "processing_steps": page.processing_steps or None,
    }


def asset_json(record: AssetRecord, page, *, detail=False):
    lang = record.language
    titles = by_language(record.cho_values("dc:title"))
    place = place_of(record)
    lat, lon = coordinates(record)
    rights = record.rights_uri
    data = {
        "id": record.identifier,
        "url": record.is_shown_at,
        "api_url": api_url(record.identifier),
        "title": titles.get(lang) or record.title,
        "language": lang,
        "languages": record.languages,
        "country": record.country or None,
        "heritage_type": page.heritage_type or None,
        "priority_categories": list(page.priority_categories or []),
        "usage_areas": list(page.usage_areas or []),
        "rights": {
            "uri": rights or None,
            "label": str(choices.label_for(choices.RIGHTS, rights)) if rights else None,
            "short_name": SCHEMA_RIGHTS.get(rights),
            "reuse_level": choices.RIGHTS_REUSE_LEVEL.get(rights),
        },
        "credit_line": page.credit_line or None,
        "data_provider": record.data_provider.value if record.data_provider else None,
        "location": {
            "place_name": first_in(place.pref_labels, lang) if place else None,
            "latitude": lat,
            "longitude": lon,
        },
        "dating": {
            "display": page.date_display or None,
            "start_year": page.start_year,
            "end_year": page.end_year,
        },
        "thumbnail_url": record.object_uri or None,
        "models": [model_json(m) for m in record.models],
        "embed_url": embed_url(record.identifier) if record.models else None,
        "edm_url": edm_url(record.identifier),
        "iiif_manifest_url": iiif.manifest_url(record.identifier)
        if iiif.has_manifest(record) else None,
        "last_published_at": page.last_published_at.isoformat()
        if page.last_published_at else None,
    }
    if detail:
        institution = page.institution
        data.update({
            "titles": titles,
            "summary": page.summary or None,
            "description": _plain(page.description),
            "reuse": {
                "statement": page.reuse_statement or None,
                "audiences": page.reuse_audiences or None,
                "scope": page.reuse_scope or None,
                "usage_area_uris": [choices.usage_area_uri(c) for c in page.usage_areas or []],
            },
            "institution": {
                "name": institution.name,
                "country": institution.country,
                "website": institution.website or None,
                "identifier": institution.identifier_uri or None,
            } if institution else None,
            "elements": [e.value for e in record.cho_values("dcterms:hasPart")
                         if e.lang == lang],
            "images": [r.uri for r in record.web_resources if r.edm_type == "IMAGE"],
            "paradata": paradata_json(page),
        })
    return data


def _plain(value):
    from .record import plain_text

    return plain_text(value) or None


# --- schema.org JSON-LD and page meta -----------------------------------------------------------


def jsonld(record: AssetRecord):
    lang = record.language
    lat, lon = coordinates(record)
    place = place_of(record)
    data = {
        "@context": "https://schema.org",
        "@type": "3DModel",
        "@id": record.cho_uri,
        "name": first_in(record.cho_values("dc:title"), lang) or record.title,
        "description": first_in(record.cho_values("dc:description"), lang) or None,
        "url": record.is_shown_at,
        "inLanguage": lang,
        "license": record.rights_uri or None,
        "isAccessibleForFree": True,
        "image": record.object_uri or None,
        "creditText": first_in(record.aggregation_rights, lang) or None,
        "provider": {"@type": "Organization", "name": settings.EUROPEANA_PROVIDER_NAME},
    }
    if record.data_provider:
        data["creator"] = {"@type": "Organization", "name": record.data_provider.value}
    if place:
        location = {"@type": "Place", "name": first_in(place.pref_labels, lang) or None}
        if lat is not None:
            location["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
        data["contentLocation"] = location
    encodings = []
    for model in record.models:
        for url, media_type in ((model.web_url, formats.WEB_FORMAT.mime_type),
                                (model.master_url, model.mime_type)):
            if url and url not in {e["contentUrl"] for e in encodings}:
                encodings.append({
                    "@type": "MediaObject", "contentUrl": url, "encodingFormat": media_type,
                    **({"contentSize": f"{model.file_size} B"} if model.file_size and
                       url == model.master_url else {}),
                })
    if encodings:
        data["encoding"] = encodings
        data["embedUrl"] = embed_url(record.identifier)
    if iiif.has_manifest(record):
        data["subjectOf"] = {
            "@type": "CreativeWork",
            "name": "IIIF Presentation 4 manifest (draft specification)",
            "url": iiif.manifest_url(record.identifier),
            "encodingFormat": iiif.MEDIA_TYPE,
        }
    return {key: value for key, value in data.items() if value is not None}


def script_json(data):
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


def head_meta(record: AssetRecord):
    lang = record.language
    title = first_in(record.cho_values("dc:title"), lang) or record.title
    description = first_in(record.cho_values("dc:description"), lang)
    return {
        "oembed_url": oembed_url(record.is_shown_at),
        "title": title,
        "description": description[:300],
        "url": record.is_shown_at,
        "image": record.object_uri,
        "locale": lang,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "embed_url": embed_url(record.identifier) if record.models else "",
        "iiif_manifest_url": iiif.manifest_url(record.identifier)
        if iiif.has_manifest(record) else "",
        "iiif_media_type": iiif.MEDIA_TYPE,
        "jsonld": script_json(jsonld(record)),
    }
