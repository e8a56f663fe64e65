"""Input hardening (finding 6): malformed input gets a specific error, never a 500, and nothing
half-stored; disguised web content is refused; storage failures leave no partial file."""

import errno
import io
import threading

import pytest
from django.core.files.base import ContentFile, File

from models3d.processing import ModelRejected
from models3d.processing.markup import refuse_markup
from tests.models3d.conftest import FIXTURES, chunked_upload

# --- crafted admin form input -----------------------------------------------------------------


@pytest.mark.django_db
def test_raw_html_posted_into_a_rich_text_field_is_a_field_error(admin_client, demo_site):
    from twinit_pages.models import HeritageAssetPage

    page = HeritageAssetPage.objects.live().filter(locale__language_code="en").first()
    before = (page.description, page.latest_revision_id)
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", {
        "title": page.title, "slug": page.slug,
        "description": "<p>Raw <b>HTML</b></p><script>alert(1)</script>",
        "models_3d-count": "0", "stories-count": "0",
    })
    assert response.status_code == 200
    assert "This text could not be read" in response.content.decode()
    page.refresh_from_db()
    assert (page.description, page.latest_revision_id) == before


@pytest.mark.django_db
def test_a_chooser_id_sent_as_text_is_no_choice_not_a_500():
    from django.core.exceptions import ValidationError

    from models3d.blocks import ModelViewerBlock

    block = ModelViewerBlock()
    chooser = block.child_blocks["model"]
    assert chooser.value_from_datadict({"m": "not-a-number"}, {}, "m") is None
    with pytest.raises(ValidationError):
        chooser.clean(None)  # required: "This field is required."


# --- dataset CSV --------------------------------------------------------------------------------


def test_csv_cells_that_spreadsheets_would_run_as_formulas_are_neutralised():
    from europeana.dataset import spreadsheet_safe

    for dangerous in ("=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert spreadsheet_safe(dangerous).startswith("'")
    assert spreadsheet_safe("Temple of Hephaestus") == "Temple of Hephaestus"
    assert spreadsheet_safe(-23.5) == -23.5 and spreadsheet_safe(1200) == 1200


# --- disguised uploads --------------------------------------------------------------------------


@pytest.mark.parametrize("name,body", [
    ("model.obj", b"v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n<html><script>alert(1)</script></html>\n"),
    ("model.stl", b"solid x\n<script>fetch('/admin/')</script>\nendsolid x\n"),
    ("model.obj", b"<!DOCTYPE html>\nv 0 0 0\n"),
    ("model.gltf", b'{"asset":{"version":"2.0"},"extras":"<svg onload=alert(1)>"}'),
])
def test_web_content_under_a_3d_name_is_refused(tmp_path, name, body):
    path = tmp_path / name
    path.write_bytes(body)
    with pytest.raises(ModelRejected) as caught:
        refuse_markup(path, name.rsplit(".", 1)[1], name)
    assert caught.value.code == "disguised_markup" and name in caught.value.message


def test_real_models_are_not_mistaken_for_web_content(tmp_path):
    path = tmp_path / "ok.obj"
    path.write_bytes(b"# exported\nmtllib ok.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n" * 1000)
    refuse_markup(path, "obj", "ok.obj")


@pytest.mark.django_db
def test_disguised_upload_is_refused_and_nothing_is_stored(admin_client, settings, tmp_path):
    from models3d.models import ThreeDModel

    settings.MEDIA_ROOT = tmp_path / "media"
    models_before = ThreeDModel.objects.count()
    evil = tmp_path / "evil.obj"
    evil.write_bytes(b"v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n<html><body><script>alert(1)</script>\n")
    response, _upload_id = chunked_upload(admin_client, evil, extra={"title": "Evil"})
    assert response.status_code == 400 and "script code" in response.json()["error"]
    assert ThreeDModel.objects.count() == models_before
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.obj"))


# --- uploads: chunks, oversized bodies, full disks --------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_chunks_at_the_same_offset_are_not_both_appended(admin_client):
    from models3d.staging import staging_dir

    start = admin_client.post("/admin/models3d/upload/start/", {"name": "a.stl", "size": 200})
    upload_id = start.json()["upload_id"]
    url = f"/admin/models3d/upload/{upload_id}/chunk/?offset=0"
    results = []
    barrier = threading.Barrier(2)

    def send(byte):
        barrier.wait()
        results.append(admin_client.post(url, byte * 100, content_type="application/octet-stream"))

    threads = [threading.Thread(target=send, args=(b,)) for b in (b"a", b"b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in results) == [200, 409]
    data = (staging_dir() / f"{upload_id}.part").read_bytes()
    assert data in (b"a" * 100, b"b" * 100)


@pytest.mark.django_db
def test_oversized_plain_upload_is_refused_before_the_body_is_read(admin_client, settings):
    settings.THREED_MAX_UPLOAD_BYTES = 1000
    response = admin_client.generic(
        "POST", "/admin/models3d/add/", b"x" * 5000,
        content_type="multipart/form-data; boundary=zzz", CONTENT_LENGTH="1181116006")
    assert response.status_code == 413
    assert "larger than the maximum" in response.content.decode()


def test_a_full_disk_leaves_no_partial_file(tmp_path):
    from ops.storage import AtomicFileSystemStorage

    storage = AtomicFileSystemStorage(location=tmp_path)

    class FillsTheDisk(File):
        def chunks(self, chunk_size=None):
            yield b"x" * 1000
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        storage.save("models3d/originals/big.obj", FillsTheDisk(io.BytesIO(b"")))
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    name = storage.save("models3d/originals/ok.obj", ContentFile(b"v 0 0 0\n"))
    assert (tmp_path / name).read_bytes() == b"v 0 0 0\n"
    assert oct((tmp_path / name).stat().st_mode & 0o777) != oct(0o600)  # readable by the web server


@pytest.mark.django_db
def test_storage_failure_at_upload_answers_json_and_stores_nothing(admin_client, settings, tmp_path,
                                                                  monkeypatch):
    from models3d.models import ThreeDModel
    from ops.storage import AtomicFileSystemStorage

    settings.MEDIA_ROOT = tmp_path / "media"

    def disk_full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "media" / name))

    monkeypatch.setattr(AtomicFileSystemStorage, "_save", disk_full)
    models_before = ThreeDModel.objects.count()
    response, _upload_id = chunked_upload(
        admin_client, FIXTURES / "danish_bust_stl/BustManWreath.stl", extra={"title": "Bust"})
    assert response.status_code == 507
    error = response.json()["error"]
    assert "storage" in error and str(tmp_path) not in error
    assert ThreeDModel.objects.count() == models_before
