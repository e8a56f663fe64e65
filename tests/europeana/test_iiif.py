"""IIIF Presentation 4 (draft) manifests: structure, where they are linked, who gets one."""

import json

import pytest
from django.template import Context, Template

from tests.publishing import publish_unreviewed

pytestmark = pytest.mark.urls("tests.europeana.urls")

CONTEXT = "http://iiif.io/api/presentation/4/context.json"


@pytest.fixture
def viewable(demo_site):
    """Public source assets whose 3D model is ready with a web GLB."""
    from europeana.state import public_assets

    pages = [p.specific for p in public_assets().order_by("pk")]
    ready = [p for p in pages if any(m.is_ready and m.web_file for m in p.three_d_models())]
    assert ready, "the demo publishes assets with processed 3D models"
    return ready


@pytest.fixture
def draft(demo_site, state):
    """A never-published asset and a pending draft title on a live one."""
    from twinit_pages.models import HeritageAssetPage

    page = HeritageAssetPage(title="Unpublished draft asset", slug="draft-asset", live=False,
                             heritage_type="monument", rights_uri="http://creativecommons.org/"
                             "licenses/by/4.0/", usage_areas=["Research"],
                             priority_categories=["at_risk"])
    state("GR").add_child(instance=page)
    page.save_revision()
    return page


def manifest_of(client, page):
    response = client.get(f"/iiif/{page.pk}/manifest.json", HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200, response.content
    return response


def test_manifest_paints_each_web_glb_into_a_scene(client, viewable):
    page = viewable[0]
    response = manifest_of(client, page)
    assert response["Content-Type"] == f'application/ld+json;profile="{CONTEXT}"'
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data["@context"] == CONTEXT
    assert data["type"] == "Manifest"
    assert data["id"].endswith(f"/iiif/{page.pk}/manifest.json")
    assert data["label"] == {"en": [page.title]}
    assert data["rights"] == page.rights_uri
    assert data["homepage"][0]["id"].endswith(page.url_path.split("/", 2)[-1])
    assert {s["format"] for s in data["seeAlso"]} == {"application/json", "application/rdf+xml"}
    glbs = [m.web_file.url for m in page.three_d_models() if m.is_ready and m.web_file]
    assert len(data["items"]) == len(glbs)
    for scene, glb in zip(data["items"], glbs, strict=True):
        assert scene["type"] == "Scene" and scene["label"] == data["label"]
        annotation_page = scene["items"][0]
        assert annotation_page["type"] == "AnnotationPage"
        annotation = annotation_page["items"][0]
        assert annotation["type"] == "Annotation"
        assert annotation["motivation"] == ["painting"]
        assert annotation["body"]["type"] == "Model"
        assert annotation["body"]["format"] == "model/gltf-binary"
        assert annotation["body"]["id"].endswith(glb)
        assert annotation["target"] == {"id": scene["id"], "type": "Scene"}
    # Every id is absolute and unique, as JSON-LD needs.
    ids = []

    def collect(node):
        if isinstance(node, dict):
            if "id" in node:
                ids.append(node["id"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(data["items"])
    assert all(i.startswith("http") for i in ids)
    scene_ids = [s["id"] for s in data["items"]]
    assert len(set(scene_ids)) == len(scene_ids)


def test_manifest_carries_translated_titles(client, viewable):
    from tests.europeana.conftest import translate

    page = viewable[0]
    translate(page, "fr", title="Titre en français")
    data = json.loads(manifest_of(client, page).content)
    assert data["label"] == {"en": [page.title], "fr": ["Titre en français"]}


def test_only_live_public_assets_with_a_ready_model_have_one(client, viewable, draft):
    from tests.europeana.conftest import translate
    from twinit_pages.models import HeritageAssetPage

    assert client.get(f"/iiif/{draft.pk}/manifest.json").status_code == 404
    assert client.get("/iiif/999999/manifest.json").status_code == 404
    # A translation is part of its source's manifest, not a manifest of its own.
    french = translate(viewable[0], "fr", title="Temple")
    assert client.get(f"/iiif/{french.pk}/manifest.json").status_code == 404
    # A live asset whose models are not ready for viewing has none.
    without = HeritageAssetPage.objects.live().filter(pk=viewable[1].pk).first()
    without.models_3d = []
    publish_unreviewed(without)
    assert client.get(f"/iiif/{without.pk}/manifest.json").status_code == 404
    # Unpublished: gone.
    page = viewable[0]
    assert client.get(f"/iiif/{page.pk}/manifest.json").status_code == 200
    page.unpublish()
    assert client.get(f"/iiif/{page.pk}/manifest.json").status_code == 404
    # A live asset's pending draft never reaches its manifest.
    other = viewable[-1]
    live_title = other.title
    other.title = "Draft title of a live page"
    other.save_revision()
    text = client.get(f"/iiif/{other.pk}/manifest.json").content.decode()
    assert live_title in text and "Draft title" not in text


def test_linked_from_the_api_jsonld_openapi_and_reuse_page(client, viewable):
    page = viewable[0]
    url = f"/iiif/{page.pk}/manifest.json"
    record = client.get(f"/api/v1/assets/{page.pk}/").json()
    assert record["iiif_manifest_url"].endswith(url)
    listed = {a["id"]: a for a in client.get("/api/v1/assets/").json()["results"]}
    assert listed[str(page.pk)]["iiif_manifest_url"].endswith(url)

    head = Template('{% include "europeana/includes/asset_head.html" %}').render(
        Context({"page": page}))
    assert f'{url}" title="IIIF"' in head and 'rel="alternate" type="application/ld+json' in head
    start = head.index('<script type="application/ld+json">') + 35
    jsonld = json.loads(head[start: head.index("</script>", start)])
    assert jsonld["subjectOf"]["url"].endswith(url)
    assert "draft" in jsonld["subjectOf"]["name"]

    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/iiif/{id}/manifest.json"]["get"]
    assert "draft" in operation["description"]
    assert "iiif_manifest_url" in spec["components"]["schemas"]["Asset"]["properties"]

    reuse = client.get("/en/reuse/").content.decode()
    assert 'id="iiif"' in reuse and "draft" in reuse
    assert f'{url}"' in reuse


def test_api_record_without_a_ready_model_names_no_manifest(client, viewable):
    from twinit_pages.models import HeritageAssetPage

    page = HeritageAssetPage.objects.get(pk=viewable[0].pk)
    page.models_3d = []
    publish_unreviewed(page)
    assert client.get(f"/api/v1/assets/{page.pk}/").json()["iiif_manifest_url"] is None


def test_the_glb_a_manifest_names_is_open_to_other_sites(client, viewable, settings):
    """IIIF viewers elsewhere fetch the model itself: the site's CORS rule covers its address
    (nginx's example configuration does the same for /media/ in production)."""
    import re
    from urllib.parse import urlsplit

    data = json.loads(manifest_of(client, viewable[0]).content)
    glb = data["items"][0]["items"][0]["items"][0]["body"]["id"]
    assert re.match(settings.CORS_URLS_REGEX, urlsplit(glb).path)
