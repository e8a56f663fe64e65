"""The web GLB shown by the viewer; the uploaded original stays the downloadable master.

GLB input is kept byte for byte. A ``.gltf`` with external buffers and images is repacked into
one GLB by rewriting offsets only, so geometry and image bytes are copied unchanged (trimesh
would re-encode textures). OBJ, PLY and STL go through trimesh's GLB exporter. Big meshes can
be Draco-compressed with glTF-Transform. Every derivative must pass the Khronos validator.
"""

import base64
import copy
import json
import mimetypes
import shutil
import struct
import subprocess
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import trimesh

from . import gltf_validator
from .errors import ProcessingError
from .limits import Limits
from .thumbnail import NEUTRAL
from .validate import ValidatedModel

_COPY_CHUNK = 8 * 1024 * 1024


def _pad4(n: int) -> int:
    return (4 - n % 4) % 4


def _uri_bytes_or_path(base: Path, uri: str):
    if uri.startswith("data:"):
        return base64.b64decode(uri.split(",", 1)[1])
    return base / unquote(uri)


def _size(source) -> int:
    return len(source) if isinstance(source, bytes | bytearray) else source.stat().st_size


def gltf_to_glb(gltf_path: Path, data: dict, out_path: Path) -> Path:
    """Repack a .gltf and its external/data-URI resources into one GLB, losslessly."""
    doc = copy.deepcopy(data)
    segments: list = []  # (source bytes|Path, length) in BIN order, each 4-byte aligned
    offset = 0

    def append(source) -> int:
        nonlocal offset
        start = offset
        length = _size(source)
        segments.append((source, length))
        offset += length
        pad = _pad4(offset)
        if pad:
            segments.append((b"\x00" * pad, pad))
            offset += pad
        return start

    buffer_starts = []
    for buf in doc.get("buffers") or []:
        uri = buf.get("uri")
        if not uri:
            raise ProcessingError("A glTF buffer without a URI cannot be repacked.")
        source = _uri_bytes_or_path(gltf_path.parent, uri)
        if _size(source) < buf.get("byteLength", 0):
            raise ProcessingError("A glTF buffer is shorter than it declares.")
        buffer_starts.append(append(source))
    for view in doc.get("bufferViews") or []:
        view["byteOffset"] = view.get("byteOffset", 0) + buffer_starts[view["buffer"]]
        view["buffer"] = 0
    views = doc.setdefault("bufferViews", [])
    for img in doc.get("images") or []:
        uri = img.pop("uri", None)
        if not uri:
            continue
        source = _uri_bytes_or_path(gltf_path.parent, uri)
        start = append(source)
        if "mimeType" not in img:
            head = source[:16] if isinstance(source, bytes) else source.open("rb").read(16)
            if head.startswith(b"\x89PNG"):
                img["mimeType"] = "image/png"
            elif head.startswith(b"\xff\xd8"):
                img["mimeType"] = "image/jpeg"
            else:
                img["mimeType"] = mimetypes.guess_type(uri)[0] or "application/octet-stream"
        views.append({"buffer": 0, "byteOffset": start, "byteLength": _size(source)})
        img["bufferView"] = len(views) - 1
    if not views:
        doc.pop("bufferViews")
    if offset:
        doc["buffers"] = [{"byteLength": offset}]
    else:
        doc.pop("buffers", None)

    json_bytes = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    json_bytes += b" " * _pad4(len(json_bytes))
    total = 12 + 8 + len(json_bytes) + (8 + offset if offset else 0)
    with open(out_path, "wb") as out:
        out.write(struct.pack("<4sII", b"glTF", 2, total))
        out.write(struct.pack("<I4s", len(json_bytes), b"JSON"))
        out.write(json_bytes)
        if offset:
            out.write(struct.pack("<I4s", offset, b"BIN\x00"))
            for source, _length in segments:
                if isinstance(source, bytes | bytearray):
                    out.write(source)
                else:
                    with open(source, "rb") as src:
                        shutil.copyfileobj(src, out, _COPY_CHUNK)
    return out_path


def _neutralise_black(scene: trimesh.Scene) -> trimesh.Scene:
    """Untextured black materials (common in scanner OBJ exports) become neutral grey."""
    for geom in scene.geometry.values():
        visual = getattr(geom, "visual", None)
        if getattr(visual, "kind", None) != "texture":
            continue
        mat = visual.material
        has_image = getattr(mat, "image", None) is not None or getattr(
            mat, "baseColorTexture", None) is not None
        if has_image:
            continue
        for attr in ("baseColorFactor", "diffuse", "main_color"):
            value = getattr(mat, attr, None)
            if value is not None:
                rgb = np.asarray(value, dtype=np.float64)[:3]
                if rgb.max() > 1.0:
                    rgb = rgb / 255.0
                if rgb.max() < 0.03:
                    neutral = np.append(np.round(NEUTRAL * 255), 255).astype(np.uint8)
                    geom.visual = trimesh.visual.TextureVisuals(
                        uv=visual.uv,
                        material=trimesh.visual.material.PBRMaterial(
                            baseColorFactor=neutral, metallicFactor=0.0, roughnessFactor=0.9,
                        ),
                    )
                break
    return scene


def mesh_to_glb(scene: trimesh.Scene, out_path: Path) -> Path:
    scene = _neutralise_black(scene.copy())
    data = scene.export(file_type="glb")
    out_path.write_bytes(data)
    return out_path


def draco_compress(in_path: Path, out_path: Path, timeout: int = 600) -> Path:
    cli = gltf_validator.REPO_ROOT / "node_modules" / "@gltf-transform" / "cli" / "bin" / "cli.js"
    proc = subprocess.run(
        [gltf_validator.node_binary(), str(cli), "draco", str(in_path), str(out_path)],
        capture_output=True, timeout=timeout, env=gltf_validator.node_env(), check=False,
    )
    if proc.returncode != 0 or not out_path.exists():
        raise ProcessingError("Draco compression failed: " + proc.stderr.decode()[-500:])
    return out_path


def make_derivative(vm: ValidatedModel, out_dir: Path, limits: Limits,
                    triangle_count: int = 0) -> tuple[Path, dict]:
    """Write ``web.glb`` in ``out_dir``; returns it with its validator report (or None)."""
    out = out_dir / "web.glb"
    validated_already = False
    if vm.format == "glb":
        shutil.copyfile(vm.path, out)
        validated_already = vm.validator_report is not None
    elif vm.format == "gltf":
        gltf_to_glb(vm.path, vm.gltf_json or {}, out)
    else:
        mesh_to_glb(vm.scene, out)
    already_draco = "KHR_draco_mesh_compression" in (
        (vm.gltf_json or {}).get("extensionsUsed") or [])
    if limits.draco_above_triangles and triangle_count > limits.draco_above_triangles \
            and not already_draco:
        packed = out_dir / "web.draco.glb"
        draco_compress(out, packed)
        packed.replace(out)
        validated_already = False
    report = vm.validator_report if validated_already else None
    if limits.run_khronos_validator and not validated_already:
        report = gltf_validator.run_validator(out, out_dir, timeout=limits.validator_timeout_s)
        errors = gltf_validator.errors_of(report)
        if report.get("fatal") or report.get("issues", {}).get("numErrors"):
            detail = "; ".join(f"{e['code']} {e.get('pointer', '')}" for e in errors[:5])
            raise ProcessingError(f"The web version failed glTF validation: {detail}")
    return out, report
