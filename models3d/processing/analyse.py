"""Technical metadata of a validated model (feeds the admin, the public page and EDM export).

Statistics are summed per geometry, never via ``Scene.to_mesh()``, which merges textures and is
two orders of magnitude slower on textured scenes. Counts are therefore exactly what
``trimesh.load_scene`` reports for the file; dimensions include node transforms.
"""

import base64
import io
import struct
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import trimesh
from PIL import Image

from .validate import ValidatedModel


@dataclass
class Texture:
    name: str
    width: int | None
    height: int | None
    mime: str


@dataclass
class Analysis:
    format: str
    file_size: int
    vertex_count: int
    triangle_count: int
    point_count: int
    dimensions: tuple[float, float, float]
    bbox_min: tuple[float, float, float]
    bbox_max: tuple[float, float, float]
    mesh_count: int
    material_count: int
    textures: list[Texture] = field(default_factory=list)
    extensions_used: list[str] = field(default_factory=list)
    extensions_required: list[str] = field(default_factory=list)
    generator: str = ""
    # Triangles as drawn, counting every node that instances a geometry (>= triangle_count).
    drawn_triangle_count: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def geometry_counts(scene: trimesh.Scene) -> tuple[int, int, int]:
    """(vertices, triangles, points) summed over the scene's geometries, as trimesh loads them."""
    vertices = triangles = points = 0
    for g in scene.geometry.values():
        if isinstance(g, trimesh.PointCloud):
            points += len(g.vertices)
        else:
            vertices += len(g.vertices)
            triangles += len(getattr(g, "faces", ()))
    return vertices, triangles, points


def _mime_of(data: bytes, fallback: str = "application/octet-stream") -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:12] == b"\xabKTX 20\xbb\r\n\x1a\n":
        return "image/ktx2"
    return fallback


def _image_texture(name: str, data: bytes, mime: str | None = None) -> Texture:
    mime = mime or _mime_of(data)
    try:
        with Image.open(io.BytesIO(data)) as im:
            width, height = im.size
    except Exception:  # noqa: BLE001 - KTX2 and exotic formats: size unknown, still listed
        width = height = None
    return Texture(name=name, width=width, height=height, mime=mime)


def _glb_bin_offset(path: Path) -> int | None:
    """File offset of the GLB BIN chunk's data, read from the chunk headers only."""
    with open(path, "rb") as fh:
        fh.seek(12)
        json_len, _ = struct.unpack("<I4s", fh.read(8))
        fh.seek(20 + json_len)
        header = fh.read(8)
        if len(header) < 8:
            return None
        _bin_len, kind = struct.unpack("<I4s", header)
        return 28 + json_len if kind == b"BIN\x00" else None


def _gltf_textures(vm: ValidatedModel) -> list[Texture]:
    data = vm.gltf_json or {}
    views = data.get("bufferViews") or []
    bin_offset = _glb_bin_offset(vm.path) if vm.format == "glb" else None
    out = []
    for i, img in enumerate(data.get("images") or []):
        name = img.get("name") or img.get("uri", "") or f"image {i}"
        raw = b""
        uri = img.get("uri")
        if uri and uri.startswith("data:"):
            raw = base64.b64decode(uri.split(",", 1)[1])
            name = img.get("name") or f"image {i}"
        elif uri:
            raw = (vm.path.parent / unquote(uri)).read_bytes()
        elif "bufferView" in img and bin_offset is not None:
            view = views[img["bufferView"]]
            with open(vm.path, "rb") as fh:
                fh.seek(bin_offset + view.get("byteOffset", 0))
                raw = fh.read(view["byteLength"])
        if len(name) > 200:
            name = name[:200]
        out.append(_image_texture(name, raw, img.get("mimeType")))
    return out


def _obj_info(vm: ValidatedModel) -> tuple[int, list[Texture]]:
    materials = 0
    textures = []
    for ref in vm.references:
        if ref.suffix.lower() == ".mtl":
            materials += sum(
                1 for line in ref.read_text("utf-8", "replace").splitlines()
                if line.strip().startswith("newmtl")
            )
        else:
            textures.append(_image_texture(ref.name, ref.read_bytes()))
    return materials, textures


def _text_generator(vm: ValidatedModel) -> str:
    with open(vm.path, "rb") as fh:
        head = fh.read(4096)
    if vm.format == "stl" and not head[:5].lower() == b"solid":
        text = head[:80].split(b"\x00")[0].decode("ascii", "ignore").strip()
        return text if text.isprintable() else ""
    lines = head.decode("utf-8", "replace").splitlines()
    for line in lines[:30]:
        s = line.strip()
        if vm.format == "obj" and s.startswith("#") and len(s) > 2:
            return s.lstrip("# ").strip()[:200]
        if vm.format == "ply" and s.startswith("comment "):
            return s[8:].strip()[:200]
        if vm.format == "ply" and s == "end_header":
            break
    return ""


def _scene_stats(scene: trimesh.Scene) -> dict:
    vertices, triangles, points = geometry_counts(scene)
    drawn = 0
    for node in scene.graph.nodes_geometry:
        _, geom_name = scene.graph[node]
        g = scene.geometry.get(geom_name)
        drawn += len(getattr(g, "faces", ())) if g is not None else 0
    bounds = scene.bounds
    if bounds is None:
        bounds = np.zeros((2, 3))
    return {"vertex_count": vertices, "triangle_count": triangles, "point_count": points,
            "drawn_triangle_count": drawn, "primitive_count": len(scene.geometry),
            "bbox_min": bounds[0], "bbox_max": bounds[1]}


def analyse(vm: ValidatedModel, file_size: int | None = None,
            master_stats: dict | None = None) -> Analysis:
    """``master_stats`` are the counts and bounds glTF-Transform reported while making the
    derivatives (see derivative.py); glTF masters are analysed from them and their JSON
    alone, other formats from trimesh's scene, which validation loaded anyway."""
    stats = master_stats if master_stats is not None else _scene_stats(vm.scene)
    bounds = np.array([stats["bbox_min"], stats["bbox_max"]], dtype=np.float64)
    extents = bounds[1] - bounds[0]
    if vm.format in ("gltf", "glb"):
        data = vm.gltf_json or {}
        material_count = len(data.get("materials") or [])
        textures = _gltf_textures(vm)
        used = list(data.get("extensionsUsed") or [])
        required = list(data.get("extensionsRequired") or [])
        generator = str((data.get("asset") or {}).get("generator") or "")
    else:
        used, required = [], []
        textures = []
        material_count = 0
        if vm.format == "obj":
            material_count, textures = _obj_info(vm)
        generator = _text_generator(vm)
    if file_size is None:
        file_size = vm.path.stat().st_size + sum(r.stat().st_size for r in vm.references)
    return Analysis(
        format=vm.format,
        file_size=int(file_size),
        vertex_count=int(stats["vertex_count"]),
        triangle_count=int(stats["triangle_count"]),
        point_count=int(stats["point_count"]),
        dimensions=tuple(round(float(x), 6) for x in extents),
        bbox_min=tuple(round(float(x), 6) for x in bounds[0]),
        bbox_max=tuple(round(float(x), 6) for x in bounds[1]),
        mesh_count=int(stats["primitive_count"]),
        material_count=material_count,
        textures=textures,
        extensions_used=used,
        extensions_required=required,
        generator=generator,
        drawn_triangle_count=int(stats["drawn_triangle_count"]),
    )
