"""OBJ read by objglb.py (not trimesh): the same geometry as trimesh, in bounded memory, with
precise refusals, and the uploaded files kept byte for byte."""

import hashlib
import zipfile
from pathlib import Path

import numpy as np
import pytest
import trimesh
from PIL import Image

from benchmarks.scan import write_obj_folder
from models3d.processing import Limits, ModelRejected
from models3d.processing.gltf_validator import run_validator
from models3d.processing.markup import find_markup
from models3d.processing.objglb import obj_to_glb
from models3d.processing.pipeline import ingest, sha256_of
from models3d.processing.thumbnail import NEUTRAL
from models3d.processing.validate import obj_references

from .conftest import FIXTURES
from .test_processing import assert_derivatives, gltf_json, image_sizes


def convert(tmp_path: Path, text: str, mtl: str | None = None) -> Path:
    obj = tmp_path / "m.obj"
    obj.write_bytes(text.encode())
    if mtl is not None:
        (tmp_path / "m.mtl").write_bytes(mtl.encode())
    refs = obj_references(obj, tmp_path, "m.obj")
    out = tmp_path / "m.glb"
    obj_to_glb(obj, tmp_path, refs, out, "m.obj")
    assert run_validator(out)["issues"]["numErrors"] == 0
    return out


def mesh_of(path: Path) -> trimesh.Trimesh:
    return trimesh.load(str(path), force="mesh", process=False)


def grid_obj(n: int) -> tuple[list[str], list[str], list[str]]:
    """An n x n grid of quads: vertices, texture coordinates and one face line per quad."""
    v = [f"v {i % (n + 1)} {i // (n + 1)} {0.1 * (i % 3)}" for i in range((n + 1) ** 2)]
    vt = [f"vt {(i % (n + 1)) / n} {(i // (n + 1)) / n}" for i in range((n + 1) ** 2)]
    faces = []
    for r in range(n):
        for c in range(n):
            a = r * (n + 1) + c + 1
            faces.append((a, a + 1, a + n + 2, a + n + 1))
    return v, vt, faces


def test_quads_triangles_negative_indices_and_two_materials_match_trimesh(tmp_path):
    v, vt, quads = grid_obj(12)
    lines = ["# scanner export", "mtllib m.mtl", "", *v, *vt, "vn 0 0 1", "usemtl red"]
    # Long runs are read in bulk, short ones line by line: mix both, and both index styles.
    lines += [f"f {a}/{a}/1 {b}/{b}/1 {c}/{c}/1 {d}/{d}/1" for a, b, c, d in quads[:100]]
    lines += ["usemtl grey"]
    total = len(v)
    for a, b, c, d in quads[100:]:
        lines.append(f"f {a - total - 1}//-1 {b - total - 1}//-1 {c - total - 1}//-1")
        lines.append(f"f {a}//1 {c}//1 {d}//1")
    text = "\r\n".join(lines) + "\r\n"
    out = convert(tmp_path, text, "newmtl red\nKd 0.8 0.1 0.1\nnewmtl grey\nKd 0.5 0.5 0.5\n")
    ours = mesh_of(out)
    reference = mesh_of(tmp_path / "m.obj")
    assert len(ours.faces) == len(reference.faces) == 100 * 2 + 44 * 2
    assert np.isclose(ours.area, reference.area)
    assert np.allclose(ours.bounds, reference.bounds)
    doc = gltf_json(out)
    colours = [m["pbrMetallicRoughness"]["baseColorFactor"] for m in doc["materials"]]
    assert colours == [[0.8, 0.1, 0.1, 1.0], [0.5, 0.5, 0.5, 1.0]]
    prims = doc["meshes"][0]["primitives"]
    assert "TEXCOORD_0" in prims[0]["attributes"] and "NORMAL" in prims[1]["attributes"]


def test_uv_seams_split_vertices_like_trimesh(fixtures_dir, tmp_path):
    """The bust has more texture coordinates than positions: one glTF vertex per pair."""
    src = FIXTURES / "danish_bust_obj/BustManWreath.obj"
    out = tmp_path / "bust.glb"
    obj_to_glb(src, src.parent, [src.with_suffix(".mtl")], out, src.name)
    ours, reference = mesh_of(out), trimesh.load_scene(str(src))
    (geom,) = reference.geometry.values()
    assert (len(ours.vertices), len(ours.faces)) == (len(geom.vertices), len(geom.faces))
    assert np.allclose(ours.bounds, reference.bounds)
    # "Kd 0 0 0" and no texture: drawn in the neutral stone colour, never black.
    (material,) = gltf_json(out)["materials"]
    assert np.allclose(material["pbrMetallicRoughness"]["baseColorFactor"][:3], NEUTRAL)


@pytest.mark.parametrize(("text", "fragment"), [
    ("\n".join([f"v {i} 0 0" for i in range(40)] + ["v 1 zero 0"] + ["f 1 2 3"]),
     "line 41 has a value that is not a number"),
    ("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n", "refers to a vertex the file does not define"),
    ("v 0 0 0\nv 1 0 0\nv 0 1 0\nvt 0 0\nf 1/1 2/5 3/1\n",
     "refers to a texture coordinate the file does not define"),
    ("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2\n", "line 4 has a face with fewer than 3 corners"),
])
def test_damaged_obj_is_refused_with_the_line_or_reference(tmp_path, text, fragment):
    with pytest.raises(ModelRejected) as info:
        convert(tmp_path, text)
    assert info.value.code == "unreadable"
    assert "is not a readable OBJ file" in info.value.message and fragment in info.value.message


def test_obj_without_faces_or_with_nan_is_refused(tmp_path):
    with pytest.raises(ModelRejected) as info:
        convert(tmp_path, "v 0 0 0\nv 1 0 0\n")
    assert info.value.code == "empty_model"
    with pytest.raises(ModelRejected) as info:
        convert(tmp_path, "v 0 0 0\nv 1 nan 0\nv 0 1 0\nf 1 2 3\n")
    assert info.value.code == "invalid_geometry"


def test_generated_textured_obj_scan_folder_and_zip(tmp_path):
    """A scanner-style OBJ + MTL + JPEG folder over the mobile budget: every role within its
    limits and validator-clean, the texture embedded without re-encoding, the files kept
    byte for byte in the master; as a zip, the zip itself is the master (never re-zipped)."""
    folder = tmp_path / "scan"
    write_obj_folder(folder, 60_000, 2048)
    originals = {p.name: sha256_of(p) for p in folder.iterdir()}
    limits = Limits(mobile_triangles=20_000, web_texture_px=1024, mobile_texture_px=512,
                    ar_texture_px=1024)
    result = ingest(folder, tmp_path / "work", limits)
    assert result.format == "obj"
    with zipfile.ZipFile(result.master_path) as zf:
        assert {n: hashlib.sha256(zf.read(n)).hexdigest()
                for n in zf.namelist()} == originals
    assert_derivatives(result, sha256_of(result.master_path), limits)
    assert result.analysis.triangle_count == len(mesh_of(folder / "scan.obj").faces)
    assert 15_000 < result.derivatives["mobile"].triangle_count <= 20_000
    assert result.derivatives["web"].max_texture_size == 1024
    base = tmp_path / "work" / "base.glb"
    assert image_sizes(base) == [(2048, 2048, "image/jpeg")]
    assert (folder / "scan.jpg").read_bytes() in base.read_bytes()
    assert {p.name: sha256_of(p) for p in folder.iterdir()} == originals

    archive = tmp_path / "scan.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in folder.iterdir():
            zf.write(p, p.name)
    before = sha256_of(archive)
    zipped = ingest(archive, tmp_path / "work2", limits)
    assert zipped.master_path == archive and zipped.master_sha256 == before
    assert zipped.analysis.triangle_count == result.analysis.triangle_count


def test_material_library_found_anywhere_in_the_file(tmp_path):
    """``mtllib`` after the vertices, with CRLF line ends; the word in a comment is not one."""
    v, vt, quads = grid_obj(4)
    lines = ["# made with mtllib-free software", *v, *vt, "mtllib m.mtl", "usemtl stone"]
    lines += [f"f {a}/{a} {b}/{b} {c}/{c} {d}/{d}" for a, b, c, d in quads]
    Image.new("RGB", (8, 8), (200, 10, 10)).save(tmp_path / "stone.png")
    out = convert(tmp_path, "\r\n".join(lines), "newmtl stone\r\nmap_Kd stone.png\r\n")
    assert image_sizes(out) == [(8, 8, "image/png")]
    assert obj_references(tmp_path / "m.obj", tmp_path, "m.obj") == [
        tmp_path / "m.mtl", tmp_path / "stone.png"]


@pytest.mark.parametrize("token", ["<svg onload=x>", "javascript:alert(1)", "a onclick = b"])
def test_markup_is_found_past_the_first_megabytes_of_a_scan(tmp_path, token):
    """The markup scan skips blocks without "<", ":" or "=" and must still see the rest."""
    path = tmp_path / "big.obj"
    with open(path, "wb") as fh:
        fh.write(b"v 0.123456 0.654321 1.000000\n" * 200_000)  # ~6 MB, over one block
        fh.write(f"# {token}\n".encode())
    assert find_markup(path, whole=True) is not None
    path.write_bytes(b"v 0.123456 0.654321 1.000000\n" * 200_000)
    assert find_markup(path, whole=True) is None


def test_black_textured_material_on_faces_without_uvs_is_neutral(tmp_path):
    """A texture cannot be drawn without texture coordinates; "Kd 0 0 0" must not make the
    model black then."""
    Image.new("RGB", (8, 8), (200, 10, 10)).save(tmp_path / "stone.png")
    out = convert(tmp_path, "mtllib m.mtl\nusemtl stone\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n",
                  "newmtl stone\nKd 0 0 0\nmap_Kd stone.png\n")
    (material,) = gltf_json(out)["materials"]
    assert np.allclose(material["pbrMetallicRoughness"]["baseColorFactor"][:3], NEUTRAL)
    assert "images" not in gltf_json(out)


def test_vertex_colours_are_kept(tmp_path):
    lines = [f"v {i} {i % 2} 0 1 0.5 0" for i in range(20)]
    lines += [f"f {i} {i + 1} {i + 2}" for i in range(1, 19)]
    out = convert(tmp_path, "\n".join(lines) + "\n")
    (prim,) = gltf_json(out)["meshes"][0]["primitives"]
    accessor = gltf_json(out)["accessors"][prim["attributes"]["COLOR_0"]]
    view = gltf_json(out)["bufferViews"][accessor["bufferView"]]
    data = out.read_bytes()
    bin_start = 20 + int.from_bytes(data[12:16], "little") + 8
    colours = np.frombuffer(data, np.float32, accessor["count"] * 3,
                            bin_start + view["byteOffset"]).reshape(-1, 3)
    assert len(colours) == 20 and np.allclose(colours, [1.0, 0.5, 0.0])
