"""The pure-Python ingest pipeline against the real fixtures and hostile inputs built from them."""

import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
import trimesh
from PIL import Image

from benchmarks.scan import write_glb
from models3d.processing import Limits, ModelRejected
from models3d.processing.analyse import geometry_counts
from models3d.processing.gltf_validator import run_validator
from models3d.processing.pipeline import ingest, sha256_of
from models3d.processing.thumbnail import render
from models3d.processing.validate import check_geometry

from .conftest import BAD, FIXTURES, GOOD_MODELS

ACCEPTED_TAIL = "Accepted: .glb, .gltf, .obj (+.mtl, textures), .ply, .stl, or a .zip"


def trimesh_counts(path: Path) -> tuple[int, int, int]:
    return geometry_counts(trimesh.load_scene(str(path)))


def gltf_json(path: Path) -> dict:
    data = path.read_bytes()
    length = int.from_bytes(data[12:16], "little")
    return json.loads(data[20:20 + length])


def image_sizes(path: Path) -> list[tuple[int, int, str]]:
    """(width, height, mime) of every image embedded in a GLB, decoded with Pillow."""
    data = path.read_bytes()
    doc = gltf_json(path)
    json_len = int.from_bytes(data[12:16], "little")
    bin_start = 20 + json_len + 8
    out = []
    for img in doc.get("images", []):
        view = doc["bufferViews"][img["bufferView"]]
        start = bin_start + view.get("byteOffset", 0)
        with Image.open(io.BytesIO(data[start:start + view["byteLength"]])) as im:
            out.append((*im.size, img["mimeType"]))
    return out


def assert_derivatives(result, source_bytes_sha: str, limits: Limits | None = None):
    """Every role present, validator-clean, within its limits; the master untouched."""
    limits = limits or Limits()
    roles = result.derivatives.by_role
    assert set(roles) == {"web", "mobile", "ar"}
    assert result.master_sha256 == source_bytes_sha == sha256_of(result.master_path)
    for role, derivative in roles.items():
        report = run_validator(derivative.path)
        assert report["issues"]["numErrors"] == 0, (role, report["issues"]["messages"][:3])
        assert derivative.bytes == derivative.path.stat().st_size
        sizes = image_sizes(derivative.path)
        assert max([max(w, h) for w, h, _ in sizes], default=0) == derivative.max_texture_size
        used = gltf_json(derivative.path).get("extensionsUsed", [])
        if role == "ar":
            # What Scene Viewer and Quick Look read: no meshopt, no WebP.
            assert "EXT_meshopt_compression" not in used and "EXT_texture_webp" not in used
            assert all(mime in ("image/jpeg", "image/png") for *_, mime in sizes)
        else:
            assert "EXT_meshopt_compression" in used
            assert all(mime == "image/webp" for *_, mime in sizes)
    web, mobile, ar = roles["web"], roles["mobile"], roles["ar"]
    # The web version is never simplified; mobile and AR share the simplified geometry.
    assert web.triangle_count == result.analysis.triangle_count
    assert mobile.triangle_count == ar.triangle_count <= limits.mobile_triangles
    assert web.max_texture_size <= limits.web_texture_px
    assert ar.max_texture_size <= limits.ar_texture_px
    assert mobile.max_texture_size <= limits.mobile_texture_px
    assert mobile.bytes <= 5 * 1024**2


@pytest.mark.parametrize("rel", GOOD_MODELS)
def test_good_fixture_ingests_with_trimesh_counts_and_valid_derivatives(rel, tmp_path,
                                                                      fixtures_dir):
    src = FIXTURES / rel
    before = sha256_of(src)
    result = ingest(src, tmp_path)
    a = result.analysis
    assert (a.vertex_count, a.triangle_count, a.point_count) == trimesh_counts(src)
    assert a.triangle_count > 0
    scene = trimesh.load_scene(str(src))
    assert np.allclose(a.dimensions, scene.extents, atol=1e-5)
    assert a.file_size == result.master_path.stat().st_size
    assert sha256_of(src) == before
    master_sha = before if result.master_path == src else sha256_of(result.master_path)
    assert_derivatives(result, master_sha)
    web = trimesh.load_scene(str(result.derivatives["ar"].path))
    assert np.allclose(web.extents, scene.extents, rtol=1e-3)

    with Image.open(result.thumbnail_path) as im:
        assert im.size == (512, 512) and im.format == "PNG"
        pixels = np.asarray(im.convert("RGB"))
    # The model is drawn: a good share of pixels differs from the background.
    assert (np.abs(pixels.astype(int) - pixels[0, 0]).sum(axis=2) > 30).mean() > 0.05


def test_generated_textured_scan_gets_simplified_mobile_and_capped_textures(tmp_path):
    """A scan over the mobile budget with a 4096² texture: the same roles and limits, mobile
    simplified (borders locked) while the web version keeps every triangle."""
    src = write_glb(tmp_path / "scan.glb", 600_000, 4096)
    before = sha256_of(src)
    result = ingest(src, tmp_path / "work")
    assert result.master_path == src and sha256_of(src) == before
    assert result.analysis.triangle_count > 500_000
    assert result.analysis.textures[0].width == 4096
    assert_derivatives(result, before)
    mobile = result.derivatives["mobile"]
    assert 400_000 < mobile.triangle_count <= 500_000
    assert result.derivatives["web"].max_texture_size == 2048
    assert mobile.max_texture_size == 1024


def test_analysis_details(tmp_path, fixtures_dir):
    helmet = ingest(FIXTURES / "damaged_helmet_gltf/DamagedHelmet.gltf", tmp_path / "h").analysis
    assert helmet.format == "gltf"
    assert helmet.material_count == 1
    assert {(t.name, t.width, t.height, t.mime) for t in helmet.textures} >= {
        ("Default_albedo.jpg", 2048, 2048, "image/jpeg")}
    assert len(helmet.textures) == 5
    assert helmet.generator == "Khronos Blender glTF 2.0 exporter"

    draco = ingest(FIXTURES / "cesium_milk_truck_draco_glb/CesiumMilkTruck_draco.glb",
                   tmp_path / "d").analysis
    assert draco.extensions_required == ["KHR_draco_mesh_compression"]
    plain = ingest(FIXTURES / "cesium_milk_truck_glb/CesiumMilkTruck.glb", tmp_path / "p").analysis
    # Draco decoded for real: same triangles and (to quantisation) the same size, not zeros.
    assert draco.triangle_count == plain.triangle_count
    assert np.allclose(draco.dimensions, plain.dimensions, atol=1e-3)
    assert draco.textures[0].width == 2048 and plain.material_count == 4

    bust = ingest(FIXTURES / "danish_bust_obj/BustManWreath.obj", tmp_path / "o").analysis
    assert bust.material_count == 1 and bust.mesh_count == 1


def test_multifile_gltf_master_keeps_every_file_byte_for_byte(tmp_path, fixtures_dir):
    result = ingest(FIXTURES / "damaged_helmet_gltf/DamagedHelmet.gltf", tmp_path)
    # Loose references are bundled into a zip master so the download is complete.
    assert result.master_path.suffix == ".zip"
    with zipfile.ZipFile(result.master_path) as zf:
        assert {"DamagedHelmet.gltf", "DamagedHelmet.bin", "Default_AO.jpg"} <= set(zf.namelist())
        for name in zf.namelist():
            assert zf.read(name) == (FIXTURES / "damaged_helmet_gltf" / name).read_bytes()


def test_glb_master_is_the_original_file(tmp_path, fixtures_dir):
    src = FIXTURES / "cesium_milk_truck_glb/CesiumMilkTruck.glb"
    result = ingest(src, tmp_path)
    assert result.master_path == src
    assert result.master_sha256 == hashlib.sha256(src.read_bytes()).hexdigest()


def test_thumbnail_is_deterministic_and_black_material_is_neutral(fixtures_dir):
    scene = trimesh.load_scene(str(FIXTURES / "danish_bust_obj/BustManWreath.obj"))
    a, b = np.asarray(render(scene)), np.asarray(render(scene))
    assert np.array_equal(a, b)
    # The MTL says Kd 0 0 0; the bust must still read as a light stone colour.
    centre = a[200:320, 200:320].reshape(-1, 3)
    assert centre.mean() > 100


BAD_CASES = {
    "truncated.glb": ("truncated", "is not a complete GLB file: it ends before its data does"),
    "wrong_magic.glb": ("glb_bad_magic", "is not a GLB file"),
    "jpg_renamed.glb": ("wrong_type", "is a JPEG image, not a 3D model"),
    "empty.glb": ("empty", "is empty (0 bytes)"),
    "missing_buffer_file.gltf": ("missing_reference", "refers to “DoesNotExist.bin”"),
    "not_json.gltf": ("invalid_json", "its text is not valid JSON"),
    "garbage.obj": ("unreadable", "is not a readable OBJ file"),
    "nfdi_cube_asset_renamed_to_stage.gltf": ("not_gltf2", "the required “asset” section"),
}


def test_every_bad_fixture_has_a_case():
    files = {p.name for p in BAD.iterdir() if p.suffix in (".glb", ".gltf", ".obj", ".ply",
                                                            ".stl", ".zip")}
    assert files == set(BAD_CASES)


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_fixture_refused_with_specific_message(name, tmp_path, fixtures_dir):
    code, fragment = BAD_CASES[name]
    with pytest.raises(ModelRejected) as info:
        ingest(BAD / name, tmp_path)
    err = info.value
    assert err.code == code
    assert f"“{name}”" in err.message
    assert fragment in err.message
    assert ACCEPTED_TAIL in err.message
    assert not (tmp_path / "out").exists()


# --- zips built from real fixtures -----------------------------------------------------------


def make_zip(path: Path, entries: dict[str, bytes | Path], symlinks=()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries.items():
            zf.writestr(name, content.read_bytes() if isinstance(content, Path) else content)
        for name, target in symlinks:
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o120777 << 16)
            zf.writestr(info, target)
    return path


def helmet_entries(prefix="helmet/") -> dict[str, Path]:
    folder = FIXTURES / "damaged_helmet_gltf"
    return {prefix + p.name: p for p in folder.iterdir()
            if p.suffix in (".gltf", ".bin", ".jpg")}


def test_zip_of_multifile_gltf(tmp_path, fixtures_dir):
    z = make_zip(tmp_path / "helmet.zip", helmet_entries())
    result = ingest(z, tmp_path / "work")
    assert result.format == "gltf" and result.master_path == z
    src = FIXTURES / "damaged_helmet_gltf/DamagedHelmet.gltf"
    assert result.analysis.triangle_count == trimesh_counts(src)[1]
    assert run_validator(result.derivative_path)["issues"]["numErrors"] == 0


def test_zip_of_obj_with_mtl(tmp_path, fixtures_dir):
    folder = FIXTURES / "danish_bust_obj"
    z = make_zip(tmp_path / "bust.zip", {"BustManWreath.obj": folder / "BustManWreath.obj",
                                         "BustManWreath.mtl": folder / "BustManWreath.mtl",
                                         "__MACOSX/._BustManWreath.obj": b"junk"})
    result = ingest(z, tmp_path / "work")
    assert result.analysis.triangle_count == 31514


def refused(path, tmp_path, limits=None) -> ModelRejected:
    with pytest.raises(ModelRejected) as info:
        ingest(path, tmp_path / "work", limits)
    return info.value


def test_zip_path_traversal_refused(tmp_path, fixtures_dir):
    entries = helmet_entries("")
    entries["../escape.gltf"] = entries.pop("DamagedHelmet.gltf")
    err = refused(make_zip(tmp_path / "t.zip", entries), tmp_path)
    assert err.code == "zip_unsafe_path" and "points outside the archive" in err.message
    assert not (tmp_path / "escape.gltf").exists()


def test_zip_absolute_path_refused(tmp_path, fixtures_dir):
    entries = {"/tmp/abs.gltf": FIXTURES / "damaged_helmet_gltf/DamagedHelmet.gltf"}
    assert refused(make_zip(tmp_path / "a.zip", entries), tmp_path).code == "zip_unsafe_path"


def test_zip_symlink_refused(tmp_path, fixtures_dir):
    z = make_zip(tmp_path / "s.zip", helmet_entries(), symlinks=[("helmet/x.bin", "/etc/passwd")])
    assert refused(z, tmp_path).code == "zip_symlink"


def test_zip_bomb_by_ratio_refused(tmp_path, fixtures_dir):
    entries = helmet_entries()
    entries["helmet/padding.bin"] = b"\x00" * (64 * 1024 * 1024)
    assert refused(make_zip(tmp_path / "b.zip", entries), tmp_path).code == "zip_bomb"


def test_zip_total_size_limit(tmp_path, fixtures_dir):
    z = make_zip(tmp_path / "h.zip", helmet_entries())
    err = refused(z, tmp_path, Limits(max_uncompressed_bytes=1024 * 1024))
    assert err.code == "zip_too_large"


def test_zip_lying_about_sizes_refused(tmp_path, fixtures_dir):
    z = make_zip(tmp_path / "lie.zip", helmet_entries())
    data = bytearray(z.read_bytes())
    # Shrink the declared uncompressed size of the .bin in both headers.
    name = b"helmet/DamagedHelmet.bin"
    real = (FIXTURES / "damaged_helmet_gltf/DamagedHelmet.bin").stat().st_size
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = 0
        while (pos := data.find(sig, pos)) != -1:
            name_at = 30 if sig == b"PK\x03\x04" else 46
            if data[pos + name_at:pos + name_at + len(name)] == name:
                assert int.from_bytes(data[pos + size_at:pos + size_at + 4], "little") == real
                data[pos + size_at:pos + size_at + 4] = (1000).to_bytes(4, "little")
            pos += 4
    z.write_bytes(bytes(data))
    assert refused(z, tmp_path).code in ("zip_bomb", "zip_bad")


def test_zip_entry_count_limit(tmp_path, fixtures_dir):
    z = make_zip(tmp_path / "h.zip", helmet_entries())
    assert refused(z, tmp_path, Limits(max_zip_entries=3)).code == "zip_too_many_entries"


def test_zip_missing_texture_refused(tmp_path, fixtures_dir):
    entries = helmet_entries()
    del entries["helmet/Default_normal.jpg"]
    err = refused(make_zip(tmp_path / "m.zip", entries), tmp_path)
    assert err.code == "missing_reference" and "“Default_normal.jpg”" in err.message


def test_zip_missing_mtl_refused(tmp_path, fixtures_dir):
    z = make_zip(tmp_path / "o.zip", {"b.obj": FIXTURES / "danish_bust_obj/BustManWreath.obj"})
    err = refused(z, tmp_path)
    assert err.code == "missing_reference" and "BustManWreath.mtl" in err.message


def test_zip_with_two_models_is_ambiguous(tmp_path, fixtures_dir):
    z = make_zip(tmp_path / "two.zip", {
        "a.ply": FIXTURES / "danish_bust_ply/BustManWreath.ply",
        "b.stl": FIXTURES / "danish_bust_stl/BustManWreath.stl"})
    err = refused(z, tmp_path)
    assert err.code == "ambiguous_model" and "“a.ply”" in err.message


def test_zip_without_model(tmp_path, fixtures_dir):
    z = make_zip(tmp_path / "n.zip", {"x.jpg": FIXTURES / "damaged_helmet_gltf/Default_AO.jpg"})
    assert refused(z, tmp_path).code == "no_model"


def test_not_a_zip(tmp_path):
    z = tmp_path / "broken.zip"
    z.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    assert refused(z, tmp_path).code == "zip_bad"


def test_gltf_reference_outside_upload_refused(tmp_path, fixtures_dir):
    up = tmp_path / "upload"
    up.mkdir()
    doc = json.loads((FIXTURES / "damaged_helmet_gltf/DamagedHelmet.gltf").read_text())
    doc["buffers"][0]["uri"] = "../../../etc/passwd"
    (up / "m.gltf").write_text(json.dumps(doc))
    err = refused(up / "m.gltf", tmp_path)
    assert err.code == "reference_outside"


def test_gltf_remote_reference_refused(tmp_path, fixtures_dir):
    doc = json.loads((FIXTURES / "damaged_helmet_gltf/DamagedHelmet.gltf").read_text())
    doc["buffers"][0]["uri"] = "https://example.org/a.bin"
    (tmp_path / "m.gltf").write_text(json.dumps(doc))
    assert refused(tmp_path / "m.gltf", tmp_path).code == "remote_reference"


def test_size_limit(tmp_path, fixtures_dir):
    err = refused(FIXTURES / "danish_bust_stl/BustManWreath.stl", tmp_path,
                  Limits(max_upload_bytes=1000))
    assert err.code == "too_large"


def test_empty_stl_refused(tmp_path):
    p = tmp_path / "nothing.stl"
    p.write_text("solid nothing\nendsolid nothing\n")
    err = refused(p, tmp_path)
    assert err.code in ("empty_model", "unreadable")


def test_unsupported_extension(tmp_path):
    p = tmp_path / "model.fbx"
    p.write_bytes(b"Kaydara FBX Binary  \x00")
    assert refused(p, tmp_path).code == "unsupported_type"


def test_all_zero_vertices_refused():
    mesh = trimesh.Trimesh(vertices=np.zeros((3, 3)), faces=[[0, 1, 2]], process=False)
    with pytest.raises(ModelRejected) as info:
        check_geometry(trimesh.Scene(mesh), "glb", "z.glb",
                       {"extensionsUsed": ["KHR_draco_mesh_compression"]})
    assert info.value.code == "undecodable" and "Draco" in info.value.message


def test_point_cloud_ply(tmp_path):
    rng = np.random.default_rng(1)
    cloud = trimesh.PointCloud(rng.normal(size=(5000, 3)))
    path = tmp_path / "cloud.ply"
    path.write_bytes(cloud.export(file_type="ply"))
    result = ingest(path, tmp_path / "work")
    assert result.analysis.point_count == trimesh_counts(path)[2] == 5000
    assert result.analysis.triangle_count == 0
    assert run_validator(result.derivative_path)["issues"]["numErrors"] == 0


def test_folder_input_finds_single_model(tmp_path, fixtures_dir):
    result = ingest(FIXTURES / "damaged_helmet_gltf", tmp_path)
    assert result.format == "gltf"


def test_mobile_budget_simplifies_only_mobile_and_ar(tmp_path, fixtures_dir):
    src = FIXTURES / "danish_bust_ply/BustManWreath.ply"
    limits = Limits(mobile_triangles=5000)
    result = ingest(src, tmp_path, limits)
    assert_derivatives(result, sha256_of(src), limits)
    assert result.derivatives["web"].triangle_count == 31514
    assert 4000 < result.derivatives["mobile"].triangle_count <= 5000
    small = trimesh.load_scene(str(result.derivatives["ar"].path))
    assert np.allclose(small.extents, trimesh.load_scene(str(src)).extents, rtol=2e-2)


def test_a_multifile_gltf_reached_through_a_symlinked_folder_ingests(fixtures_dir, tmp_path):
    """Institutions import from mounted shares: a symlinked folder is the same upload."""
    link = tmp_path / "share"
    link.symlink_to(fixtures_dir / "damaged_helmet_gltf", target_is_directory=True)
    result = ingest(link / "DamagedHelmet.gltf", tmp_path / "work")
    assert result.analysis.triangle_count == trimesh_counts(link / "DamagedHelmet.gltf")[1]
