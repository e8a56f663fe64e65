"""The Django app: storage/DB atomicity, CLI, admin upload (plain and chunked), permissions,
chooser, viewer block and background processing."""

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission

from models3d.models import ThreeDModel

from .conftest import BAD, FIXTURES, GOOD_MODELS, chunked_upload
from .test_processing import BAD_CASES, trimesh_counts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.THREED_UPLOAD_DIR = str(tmp_path / "staging")
    settings.THREED_WORK_DIR = str(tmp_path / "work")
    return Path(settings.MEDIA_ROOT)


def media_files(media: Path) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) \
        if media.exists() else []


def run_import(*args) -> tuple[int, list[dict]]:
    out = io.StringIO()
    code = 0
    try:
        call_command("import_model", *args, "--json", stdout=out, stderr=io.StringIO())
    except SystemExit as exc:
        code = exc.code
    return code, [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


# --- CLI -------------------------------------------------------------------------------------


@pytest.mark.parametrize("rel", GOOD_MODELS)
def test_import_model_good(rel, media):
    code, rows = run_import(str(FIXTURES / rel))
    assert code == 0
    (row,) = rows
    assert row["ok"] and row["error"] is None
    v, t, p = trimesh_counts(FIXTURES / rel)
    assert (row["vertex_count"], row["triangle_count"], row["point_count"]) == (v, t, p)
    model = ThreeDModel.objects.get(pk=row["id"])
    assert model.status == "ready" and model.format == row["format"]
    for f in (model.file, model.web_file, model.mobile_file, model.ar_file, model.thumbnail):
        assert (media / f.name).is_file()
    assert model.web_file.name.endswith(".glb") and model.thumbnail.name.endswith(".png")
    assert model.analysis["triangle_count"] == t
    # The master is stored byte for byte; --json prints every derivative as stored.
    assert row["master_sha256"] == model.master_sha256 == hashlib.sha256(
        (media / model.file.name).read_bytes()).hexdigest()
    assert [d["role"] for d in row["derivatives"]] == ["web", "mobile", "ar"]
    for d in row["derivatives"]:
        assert set(d) == {"role", "file", "bytes", "triangle_count", "max_texture_size"}
        assert (media / d["file"]).stat().st_size == d["bytes"]
        assert d["file"] == model.derivative_file(d["role"]).name
        assert d["triangle_count"] <= t and d["max_texture_size"] <= 2048


def test_import_model_bad_leaves_nothing(media):
    before = media_files(media)
    rows_before = ThreeDModel.objects.count()
    paths = [str(BAD / name) for name in sorted(BAD_CASES)]
    code, rows = run_import(*paths)
    assert code == 1
    assert len(rows) == len(BAD_CASES)
    for row in rows:
        name = Path(row["path"]).name
        assert not row["ok"] and row["id"] is None
        assert BAD_CASES[name][1] in row["error"]
    assert ThreeDModel.objects.count() == rows_before
    assert media_files(media) == before == []


def test_import_model_mixed_exit_code_and_collection(media):
    code, rows = run_import(str(FIXTURES / GOOD_MODELS[0]), str(BAD / "empty.glb"),
                            "--collection", "Glyptotek")
    assert code == 1
    assert [r["ok"] for r in rows] == [True, False]
    assert ThreeDModel.objects.get(pk=rows[0]["id"]).collection.name == "Glyptotek"


def test_import_model_folder(media):
    code, rows = run_import(str(FIXTURES / "damaged_helmet_gltf"), "--title", "Helmet")
    assert code == 0 and rows[0]["format"] == "gltf"
    model = ThreeDModel.objects.get(pk=rows[0]["id"])
    assert model.title == "Helmet"
    with zipfile.ZipFile(media / model.file.name) as zf:
        assert "DamagedHelmet.bin" in zf.namelist()


# --- admin upload ----------------------------------------------------------------------------


def test_admin_upload_plain_good(admin_client, media, django_capture_on_commit_callbacks):
    src = FIXTURES / "danish_bust_stl/BustManWreath.stl"
    root = Collection.get_first_root_node()
    existing = list(ThreeDModel.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True), open(src, "rb") as fh:
        response = admin_client.post(reverse("models3d:add"), {
            "file": fh, "title": "Bust", "collection": root.pk,
            "rights_uri": "http://creativecommons.org/licenses/by/4.0/",
            "credit_line": "Ny Carlsberg Glyptotek"})
    assert response.status_code == 302
    model = ThreeDModel.objects.exclude(pk__in=existing).get()
    assert model.status == "ready", model.failure_reason
    assert model.triangle_count == 31514 and model.uploaded_by.is_superuser
    assert admin_client.get(reverse("models3d:edit", args=[model.pk])).status_code == 200
    status = admin_client.get(reverse("models3d:status", args=[model.pk])).json()
    assert status["status"] == "ready"
    listing = admin_client.get(reverse("models3d:index") + "?q=Bust&format=stl")
    assert b"Bust" in listing.content


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_admin_upload_bad_refused_atomically(name, admin_client, media, settings):
    root = Collection.get_first_root_node()
    before = media_files(media)
    rows_before = ThreeDModel.objects.count()
    with open(BAD / name, "rb") as fh:
        response = admin_client.post(reverse("models3d:add"), {"file": fh, "collection": root.pk})
    assert response.status_code == 200
    assert BAD_CASES[name][1] in response.content.decode()
    assert ThreeDModel.objects.count() == rows_before
    assert media_files(media) == before
    staging = Path(settings.THREED_UPLOAD_DIR)
    assert not staging.exists() or not any(staging.iterdir())


def test_chunked_upload_zip_and_resume(admin_client, media, tmp_path,
                                       django_capture_on_commit_callbacks):
    z = tmp_path / "helmet.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for p in (FIXTURES / "damaged_helmet_gltf").iterdir():
            if p.suffix in (".gltf", ".bin", ".jpg"):
                zf.write(p, p.name)
    data = z.read_bytes()
    start = admin_client.post(reverse("models3d:upload_start"),
                              {"name": z.name, "size": len(data)}).json()
    url = reverse("models3d:upload_chunk", args=[start["upload_id"]])
    octets = "application/octet-stream"
    first = admin_client.post(f"{url}?offset=0", data[:1_000_000], content_type=octets)
    assert first.json()["received"] == 1_000_000
    # A retried chunk at a stale offset is refused with where to continue from.
    stale = admin_client.post(f"{url}?offset=0", data[:1000], content_type=octets)
    assert stale.status_code == 409 and stale.json()["received"] == 1_000_000
    assert admin_client.get(url).json() == {"received": 1_000_000, "size": len(data)}
    early = admin_client.post(reverse("models3d:upload_finish", args=[start["upload_id"]]), {})
    assert early.status_code == 409
    admin_client.post(f"{url}?offset=1000000", data[1_000_000:],
                      content_type="application/octet-stream")
    root = Collection.get_first_root_node()
    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(reverse("models3d:upload_finish", args=[start["upload_id"]]),
                                 {"collection": root.pk, "title": "Helmet"})
    assert done.status_code == 200, done.content
    model = ThreeDModel.objects.get(pk=done.json()["id"])
    assert model.status == "ready" and model.format == "gltf" and model.triangle_count == 15452


def test_chunked_upload_bad_refused(admin_client, media, settings):
    rows_before = ThreeDModel.objects.count()
    response, _id = chunked_upload(admin_client, BAD / "truncated.glb", chunk=100_000)
    assert response.status_code == 400
    assert "is not a complete GLB file" in response.json()["error"]
    assert ThreeDModel.objects.count() == rows_before and media_files(media) == []
    staging = Path(settings.THREED_UPLOAD_DIR)
    assert not staging.exists() or not any(staging.iterdir())


def test_upload_start_checks_size_and_type(admin_client, settings):
    settings.THREED_MAX_UPLOAD_BYTES = 1000
    r = admin_client.post(reverse("models3d:upload_start"), {"name": "a.glb", "size": 5000})
    assert r.status_code == 400 and "larger than the maximum" in r.json()["error"]
    r = admin_client.post(reverse("models3d:upload_start"), {"name": "a.fbx", "size": 10})
    assert r.status_code == 400 and "not a 3D model format" in r.json()["error"]


def test_other_users_upload_is_not_reachable(admin_client, django_user_model):
    r = admin_client.post(reverse("models3d:upload_start"), {"name": "a.glb", "size": 10})
    upload_id = r.json()["upload_id"]
    other = django_user_model.objects.create_superuser("other", "o@example.org", "pw")
    admin_client.force_login(other)
    url = reverse("models3d:upload_chunk", args=[upload_id])
    assert admin_client.get(url, follow=True).status_code == 404


# --- background processing -------------------------------------------------------------------


def test_processing_failure_is_recorded(media, django_capture_on_commit_callbacks):
    from models3d.services import ingest_to_model, run_processing

    model = ingest_to_model(FIXTURES / "danish_bust_stl/BustManWreath.stl")
    # Corrupt the stored master to simulate a file that breaks later processing.
    (media / model.file.name).write_bytes(b"solid x\nendsolid x\n")
    model = run_processing(model.pk)
    assert model.status == "failed" and "BustManWreath.stl" in model.failure_reason


def test_delete_removes_files(admin_client, media, django_capture_on_commit_callbacks):
    code, rows = run_import(str(FIXTURES / GOOD_MODELS[0]))
    model = ThreeDModel.objects.get(pk=rows[0]["id"])
    assert admin_client.get(reverse("models3d:delete", args=[model.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("models3d:delete", args=[model.pk]))
    assert not ThreeDModel.objects.filter(pk=model.pk).exists() and media_files(media) == []


# --- permissions and chooser -----------------------------------------------------------------


@pytest.fixture
def two_collections(media, django_user_model):
    root = Collection.get_first_root_node()
    a = root.add_child(name="Collection A")
    root.add_child(name="Collection B")
    group = Group.objects.create(name="Contributors A")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_threedmodel", "choose_threedmodel"):
        GroupCollectionPermission.objects.create(
            group=group, collection=a, permission=Permission.objects.get(codename=codename))
    user = django_user_model.objects.create_user("contrib", "c@example.org", "pw")
    user.groups.add(group)
    run_import(str(FIXTURES / "danish_bust_stl/BustManWreath.stl"), "--collection",
               "Collection A", "--title", "Model A")
    run_import(str(FIXTURES / "danish_bust_ply/BustManWreath.ply"), "--collection",
               "Collection B", "--title", "Model B")
    return user, ThreeDModel.objects.get(title="Model A"), ThreeDModel.objects.get(title="Model B")


def test_contributor_sees_and_chooses_only_permitted_collections(client, two_collections):
    user, model_a, model_b = two_collections
    client.force_login(user)
    chooser = client.get(reverse("models3d_chooser:choose"))
    assert chooser.status_code == 200
    body = chooser.content.decode()
    assert "Model A" in body and "Model B" not in body
    assert client.get(reverse("models3d_chooser:chosen", args=[model_a.pk])).status_code == 200
    # Wagtail turns PermissionDenied in the admin into a redirect to the dashboard.
    denied = client.get(reverse("models3d_chooser:chosen", args=[model_b.pk]))
    assert denied.status_code in (302, 403) and "Model B" not in denied.content.decode()
    listing = client.get(reverse("models3d:index")).content.decode()
    assert "Model A" in listing and "Model B" not in listing
    assert client.get(reverse("models3d:edit", args=[model_b.pk])).status_code in (302, 403)
    form = client.get(reverse("models3d:add")).content.decode()
    assert "Collection B" not in form


# --- viewer block and demo -------------------------------------------------------------------


def test_viewer_block_renders_offline_viewer(media):
    from models3d.blocks import ModelViewerBlock
    from models3d.demo_loader import demo_viewer_value, load_demo_models

    models = load_demo_models()
    assert set(models) == {"fluted-column", "amphora", "temple-front"}
    assert all(m.status == "ready" and m.triangle_count > 1000 for m in models.values())
    assert load_demo_models()["amphora"].pk == models["amphora"].pk  # idempotent

    block = ModelViewerBlock()
    value = block.to_python(block.get_prep_value(
        demo_viewer_value("amphora", models["amphora"])))
    html = block.render(value)
    assert "<model-viewer" in html and models["amphora"].web_file.url in html
    assert 'slot="hotspot-1"' in html and 'data-position="0 0.28 0.1"' in html
    assert "Black-figure band" in html
    assert "data-draco-decoder-location" in html and "gstatic" not in html
    assert "models3d/vendor/model-viewer/model-viewer.min.js" in html
    assert "http://creativecommons.org/publicdomain/zero/1.0/" in html
    assert "Download the 3D model" in html


def test_annotation_coordinates_are_validated():
    from django.core.exceptions import ValidationError

    from models3d.blocks import AnnotationBlock

    block = AnnotationBlock()
    block.clean(block.to_python({"position": "0 1.5 -2", "normal": "0 0 1", "label": "x",
                                 "text": ""}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"position": "left", "normal": "", "label": "x", "text": ""}))



@pytest.mark.urls("tests.models3d.urls_browser")
def test_public_model_page_only_for_permitted_or_published(client, admin_client, media):
    code, rows = run_import(str(FIXTURES / GOOD_MODELS[0]), "--title", "Truck")
    pk = rows[0]["id"]
    # Not on any live page and anonymous: not public (LocaleMiddleware may redirect first).
    assert client.get(f"/3d/{pk}/", follow=True).status_code == 404
    page = admin_client.get(f"/3d/{pk}/")
    assert page.status_code == 200 and b"<model-viewer" in page.content
    assert b"og:image" in page.content
    embed = admin_client.get(f"/3d/{pk}/embed/")
    assert embed.status_code == 200 and "X-Frame-Options" not in embed.headers


def test_only_annotation_words_are_translatable(media):
    from wagtail.blocks import StreamBlock
    from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

    from models3d.blocks import ModelViewerBlock
    from models3d.demo_loader import demo_viewer_value, load_demo_models

    model = load_demo_models()["fluted-column"]
    stream = StreamBlock([("model_viewer", ModelViewerBlock())])
    value = stream.to_python([{"type": "model_viewer", "id": "b1", "value": ModelViewerBlock().get_prep_value(
        demo_viewer_value("fluted-column", model))}])
    segments = StreamFieldSegmentExtractor(None).handle_stream_block(value)
    strings = {getattr(s, "string", None) and s.string.data for s in segments} - {None}
    assert {"Abacus", "The square slab that carries the architrave."} <= strings
    assert not any(text.startswith("0 ") for text in strings)  # coordinates stay untranslated


def test_public_api_lists_every_derivative_with_its_url(media):
    from europeana.public import model_json
    from europeana.record import model_info

    code, rows = run_import(str(FIXTURES / GOOD_MODELS[0]))
    model = ThreeDModel.objects.get(pk=rows[0]["id"])
    data = model_json(model_info(model))
    assert data["master_sha256"] == model.master_sha256
    assert [d["role"] for d in data["derivatives"]] == ["web", "mobile", "ar"]
    for listed, printed in zip(data["derivatives"], rows[0]["derivatives"], strict=True):
        assert listed["url"].endswith("/media/" + printed["file"])
        assert {k: v for k, v in listed.items() if k != "url"} == printed
    assert data["web_glb_url"] == data["derivatives"][0]["url"]


# --- upload from inside the 3D chooser (page editor) ---------------------------------------------


def test_chooser_upload_tab_stores_and_chooses_the_model(client, two_collections, media,
                                                          django_capture_on_commit_callbacks):
    user, model_a, _model_b = two_collections
    client.force_login(user)
    tab = client.get(reverse("models3d_chooser:choose")).json()["html"]
    assert 'data-chooser-modal-creation-form' in tab and 'enctype="multipart/form-data"' in tab
    collection_a = model_a.collection
    with django_capture_on_commit_callbacks(execute=True), \
            open(FIXTURES / GOOD_MODELS[0], "rb") as fh:
        response = client.post(reverse("models3d_chooser:create"),
                               {"file": fh, "collection": collection_a.pk, "title": "In the editor"})
    data = response.json()
    assert data["step"] == "chosen" and data["result"]["title"] == "In the editor"
    model = ThreeDModel.objects.get(title="In the editor")
    assert model.collection == collection_a and model.uploaded_by == user
    # Processed by the queued task, like any other upload.
    model.refresh_from_db()
    assert model.status == "ready" and model.mobile_file and model.ar_file


def test_chooser_upload_refusals_store_nothing(client, two_collections, media, django_user_model):
    user, model_a, model_b = two_collections
    client.force_login(user)
    rows, files = ThreeDModel.objects.count(), media_files(media)
    # A broken file: the reason is shown in the chooser, nothing is kept.
    with open(BAD / "truncated.glb", "rb") as fh:
        data = client.post(reverse("models3d_chooser:create"),
                           {"file": fh, "collection": model_a.collection.pk}).json()
    assert data["step"] == "reshow_creation_form"
    assert "is not a complete GLB file" in data["htmlFragment"]
    # A crafted POST into a collection the contributor may not add to.
    with open(FIXTURES / GOOD_MODELS[0], "rb") as fh:
        data = client.post(reverse("models3d_chooser:create"),
                           {"file": fh, "collection": model_b.collection.pk}).json()
    assert data["step"] == "reshow_creation_form"
    # Someone who may choose but not add models cannot upload through the chooser at all.
    reader = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    group = Group.objects.create(name="Choosers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupCollectionPermission.objects.create(
        group=group, collection=model_a.collection,
        permission=Permission.objects.get(codename="choose_threedmodel"))
    reader.groups.add(group)
    client.force_login(reader)
    assert "data-chooser-modal-creation-form" not in client.get(
        reverse("models3d_chooser:choose")).json()["html"]
    with open(FIXTURES / GOOD_MODELS[0], "rb") as fh:
        denied = client.post(reverse("models3d_chooser:create"),
                             {"file": fh, "collection": model_a.collection.pk})
    assert denied.status_code in (302, 403)
    assert ThreeDModel.objects.count() == rows and media_files(media) == files


def test_status_endpoint_gives_the_editor_preview_only_to_permitted_users(client, two_collections):
    user, model_a, model_b = two_collections
    client.force_login(user)
    ok = client.get(reverse("models3d:status", args=[model_a.pk])).json()
    assert ok["viewer_src"] == model_a.web_file.url
    denied = client.get(reverse("models3d:status", args=[model_b.pk]), follow=True)
    assert denied.status_code == 404 and model_b.web_file.url not in denied.content.decode()
