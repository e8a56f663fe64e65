"""OpenAPI 3.1 description of the public read API (served at /api/v1/openapi.json)."""

from django.conf import settings

from campaign import choices

from . import iiif
from .record import base_url


def _enum(vocabulary):
    return [code for code, _label in vocabulary]


def spec():
    string = {"type": "string"}
    nullable_string = {"type": ["string", "null"]}
    asset = {
        "type": "object",
        "properties": {
            "id": string, "url": string, "api_url": string, "title": string,
            "language": string, "languages": {"type": "array", "items": string},
            "country": nullable_string, "heritage_type": nullable_string,
            "priority_categories": {"type": "array", "items": string},
            "usage_areas": {"type": "array", "items": string},
            "rights": {"type": "object", "properties": {
                "uri": nullable_string, "label": nullable_string, "short_name": nullable_string,
                "reuse_level": {"enum": ["open", "restricted", "closed", None]}}},
            "credit_line": nullable_string, "data_provider": nullable_string,
            "location": {"type": "object", "properties": {
                "place_name": nullable_string, "latitude": {"type": ["number", "null"]},
                "longitude": {"type": ["number", "null"]}}},
            "dating": {"type": "object", "properties": {
                "display": nullable_string, "start_year": {"type": ["integer", "null"]},
                "end_year": {"type": ["integer", "null"]}}},
            "thumbnail_url": nullable_string,
            "models": {"type": "array", "items": {"$ref": "#/components/schemas/Model"}},
            "embed_url": nullable_string, "edm_url": string,
            "iiif_manifest_url": {"type": ["string", "null"], "description": "IIIF "
                                  "Presentation 4 manifest (a draft specification) of the "
                                  "3D models; null until a model is ready for viewing."},
            "last_published_at": nullable_string,
        },
    }
    model = {"type": "object", "properties": {
        "title": string, "format": string, "media_type": string,
        "file_size": {"type": ["integer", "null"]},
        "vertex_count": {"type": ["integer", "null"]},
        "triangle_count": {"type": ["integer", "null"]},
        "point_count": {"type": ["integer", "null"]},
        "master_url": nullable_string, "master_sha256": nullable_string,
        "web_glb_url": nullable_string,
        "derivatives": {"type": "array", "description": "Viewer files made from the master: "
                        "web (desktop), mobile (phones, slow connections), ar (AR viewers).",
                        "items": {"type": "object", "properties": {
                            "role": {"type": "string", "enum": ["web", "mobile", "ar"]},
                            "file": string, "url": string,
                            "bytes": {"type": ["integer", "null"]},
                            "triangle_count": {"type": ["integer", "null"]},
                            "max_texture_size": {"type": ["integer", "null"]}}}},
        "thumbnail_url": nullable_string, "rights_uri": nullable_string,
        "credit_line": nullable_string}}
    id_parameter = {"name": "id", "in": "path", "required": True, "schema": string}
    not_found = {"description": "No published asset with this id."}
    json_of = lambda ref: {"application/json": {"schema": {"$ref": ref}}}  # noqa: E731
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.WAGTAIL_SITE_NAME}: open data API",
            "version": "1.0.0",
            "description": "Read-only access to every published heritage asset: metadata, "
            "3D model files, thumbnails, licences and paradata. CORS is open for GET; responses "
            "carry ETag and Cache-Control. Bulk: OAI-PMH at /oai/ (edm, oai_dc) and the dataset "
            "zips listed at /dataset/.",
        },
        "servers": [{"url": base_url()}],
        "paths": {
            "/api/v1/assets/": {"get": {
                "summary": "List published assets",
                "description": "Filter values match without regard to case; an unknown value "
                "answers 400 with the accepted values.",
                "parameters": [
                    {"name": "q", "in": "query", "description": "Full-text search over title, "
                     "summary, description, stories, paradata, usage areas, place and country "
                     "names (every language of the asset).", "schema": string},
                    {"name": "country", "in": "query",
                     "schema": {"enum": list(choices.MEMBER_STATE_CODES)}},
                    {"name": "category", "in": "query",
                     "schema": {"enum": _enum(choices.PRIORITY_CATEGORIES)}},
                    {"name": "usage_area", "in": "query",
                     "schema": {"enum": _enum(choices.USAGE_AREAS)}},
                    {"name": "heritage_type", "in": "query",
                     "schema": {"enum": _enum(choices.HERITAGE_TYPES)}},
                    {"name": "language", "in": "query", "description": "Assets published in "
                     "this language (source or approved translation).", "schema": string},
                    {"name": "page", "in": "query",
                     "schema": {"type": "integer", "minimum": 1, "default": 1}},
                    {"name": "page_size", "in": "query",
                     "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
                ],
                "responses": {
                    "200": {"description": "A page of assets", "content": json_of(
                        "#/components/schemas/AssetList")},
                    "304": {"description": "Not modified (If-None-Match)."},
                    "400": {"description": "Unknown filter value."},
                },
            }},
            "/api/v1/assets/{id}/": {"get": {
                "summary": "One published asset with all public metadata",
                "parameters": [id_parameter],
                "responses": {"200": {"description": "The asset", "content": json_of(
                    "#/components/schemas/Asset")}, "404": not_found},
            }},
            "/api/v1/assets/{id}/paradata": {"get": {
                "summary": "How the 3D models were made", "parameters": [id_parameter],
                "responses": {"200": {"description": "Paradata"}, "404": not_found},
            }},
            "/api/v1/assets/{id}/edm.xml": {"get": {
                "summary": "Europeana Data Model record (RDF/XML)", "parameters": [id_parameter],
                "responses": {"200": {"description": "EDM", "content": {
                    "application/rdf+xml": {}}}, "404": not_found},
            }},
            "/iiif/{id}/manifest.json": {"get": {
                "summary": "IIIF Presentation 4 (3D) manifest",
                "description": "A IIIF manifest with one Scene per 3D model, the web GLB "
                "painted into it as a Model, for IIIF viewers that read 3D. IIIF Presentation "
                f"4.0 is a draft specification ({iiif.SPEC_URL}); this manifest follows the "
                "draft and will follow it as it changes. CORS is open.",
                "parameters": [id_parameter],
                "responses": {
                    "200": {"description": "The manifest (JSON-LD)", "content": {
                        iiif.MEDIA_TYPE: {"schema": {"type": "object"}}}},
                    "404": {"description": "No published asset with this id, or none of "
                            "its 3D models is ready for viewing yet."},
                },
            }},
        },
        "components": {"schemas": {
            "Asset": asset,
            "Model": model,
            "AssetList": {"type": "object", "properties": {
                "count": {"type": "integer"}, "page": {"type": "integer"},
                "page_size": {"type": "integer"}, "next": nullable_string,
                "previous": nullable_string,
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/Asset"}},
            }},
        }},
    }
