"""IIIF Presentation 4 manifests of public assets, so IIIF 3D viewers can open the models.

IIIF Presentation 4.0 is still a draft (https://iiif.io/api/presentation/4.0/): it adds the
``Scene``, a 3D container in which a ``Model`` is painted by an annotation. We follow the draft's
own examples (context ``http://iiif.io/api/presentation/4/context.json``; a ``Manifest`` whose
``items`` are Scenes, each with an ``AnnotationPage`` holding a ``painting`` Annotation whose body
is the web GLB as a ``Model`` and whose target is the Scene). The descriptive properties (label,
summary, metadata, rights, requiredStatement, provider, homepage, thumbnail, seeAlso) are those
the draft keeps from Presentation 3. When the specification changes, this module changes.

Built from the AssetRecord (europeana.record) like the API, JSON-LD and EDM, so all say the same.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings

from campaign import choices
from models3d.processing.formats import WEB_FORMAT

from .record import AssetRecord, api_url, base_url, edm_url, public_url, route_id

CONTEXT = "http://iiif.io/api/presentation/4/context.json"
MEDIA_TYPE = f'application/ld+json;profile="{CONTEXT}"'
SPEC_URL = "https://iiif.io/api/presentation/4.0/"


def manifest_url(identifier):
    """The stable public address of an asset's manifest."""
    return public_url("europeana_iiif_manifest", route_id(identifier))


def has_manifest(record: AssetRecord):
    """A manifest is worth serving only when a 3D model is ready with its web GLB."""
    return any(model.web_url for model in record.models)


def _language_map(values, fallback_lang="none"):
    """IIIF language map {lang: [value]} of Literals, first value per language."""
    result = {}
    for value in values:
        if value.value:
            result.setdefault(value.lang or fallback_lang, [value.value])
    return result


def _entry(label, value, lang="en"):
    return {"label": {"en": [label]}, "value": {lang: [value]}}


def manifest(record: AssetRecord, page):
    """The manifest (a dict ready for JSON) of a public asset with at least one web GLB."""
    from .public import first_in, place_of

    url = manifest_url(record.identifier)
    lang = record.language
    label = _language_map(record.cho_values("dc:title")) or {lang: [record.title]}
    data = {
        "@context": CONTEXT,
        "id": url,
        "type": "Manifest",
        "label": label,
    }
    summary = _language_map(record.cho_values("dc:description"))
    if summary:
        data["summary"] = summary
    metadata = []
    if record.country:
        metadata.append(_entry("Member State", str(choices.label_for(
            choices.MEMBER_STATES, record.country))))
    place = place_of(record)
    if place and place.pref_labels:
        metadata.append({"label": {"en": ["Place"]}, "value": _language_map(place.pref_labels)})
    if page.heritage_type:
        metadata.append(_entry("Heritage type", str(choices.label_for(
            choices.HERITAGE_TYPES, page.heritage_type))))
    dating = _language_map(record.cho_values("dcterms:created"))
    if dating:
        metadata.append({"label": {"en": ["Dating"]}, "value": dating})
    if record.data_provider:
        metadata.append(_entry("Data provider", record.data_provider.value,
                               record.data_provider.lang or "none"))
    if metadata:
        data["metadata"] = metadata
    if record.rights_uri:
        data["rights"] = record.rights_uri
    credit = first_in(record.aggregation_rights, lang) or (
        record.data_provider.value if record.data_provider else "")
    if credit:
        data["requiredStatement"] = _entry("Attribution", credit, lang)
    data["provider"] = [{
        "id": base_url() + "/",
        "type": "Agent",
        "label": {"en": [settings.WAGTAIL_SITE_NAME]},
        "homepage": [{"id": base_url() + "/", "type": "Text", "format": "text/html",
                      "label": {"en": [settings.WAGTAIL_SITE_NAME]}}],
    }]
    data["homepage"] = [{"id": record.is_shown_at, "type": "Text", "format": "text/html",
                         "label": label, "language": [lang]}]
    if record.object_uri:
        data["thumbnail"] = [_image(record.object_uri)]
    data["seeAlso"] = [
        {"id": api_url(record.identifier), "type": "Dataset",
         "format": "application/json", "label": {"en": ["Open data API record"]}},
        {"id": edm_url(record.identifier), "type": "Dataset",
         "format": "application/rdf+xml", "profile": "http://www.europeana.eu/schemas/edm/",
         "label": {"en": ["Europeana Data Model record"]}},
    ]
    data["items"] = [_scene(url, index, model, record, label)
                     for index, model in enumerate(
                         (m for m in record.models if m.web_url), start=1)]
    return data


def _scene(manifest_id, index, model, record, label):
    """One Scene per 3D model, the model's web GLB painted into it at the origin. Labelled with
    the asset's title (a model's own title is a library name, not written for the public)."""
    scene_id = f"{manifest_id.removesuffix('/manifest.json')}/scene/{index}"
    body = {"id": model.web_url, "type": "Model", "format": WEB_FORMAT.mime_type}
    scene = {
        "id": scene_id,
        "type": "Scene",
        "label": label,
        "items": [{
            "id": f"{scene_id}/page/1",
            "type": "AnnotationPage",
            "items": [{
                "id": f"{scene_id}/page/1/annotation/1",
                "type": "Annotation",
                "motivation": ["painting"],
                "body": body,
                "target": {"id": scene_id, "type": "Scene"},
            }],
        }],
    }
    if model.rights_uri and model.rights_uri != record.rights_uri:
        scene["rights"] = model.rights_uri
    if model.thumbnail_url:
        scene["thumbnail"] = [_image(model.thumbnail_url)]
    return scene


def _image(url):
    image = {"id": url, "type": "Image"}
    media_type = mimetypes.guess_type(url)[0]
    if media_type:
        image["format"] = media_type
    return image
