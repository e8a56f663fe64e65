"""The viewer's files by role, made from the master, which is never modified.

``web`` (what the viewer loads first on desktop), ``mobile`` (phones and slow connections) and
``ar`` (Scene Viewer / Quick Look) are all written by ``node/derive.cjs`` with glTF-Transform
and meshoptimizer in one Node process: it reads the master once and also reports its counts.
OBJ is first converted to GLB by ``objglb`` (at native speed), PLY and STL by trimesh.
``gltf_to_glb`` is the lossless repack of a multi-file glTF, kept for callers that need the
master's bytes in one GLB.
"""

import base64
import copy
import json
import mimetypes
import shutil
import struct
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import trimesh

from . import gltf_validator
from .errors import ProcessingError
from .limits import Limits
from .materials import base_colour, base_colour_image
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
        if base_colour_image(visual.material) is not None:
            continue
        rgb = base_colour(visual.material)
        if rgb is not None and rgb.max() < 0.03:
            neutral = np.append(np.round(NEUTRAL * 255), 255).astype(np.uint8)
            geom.visual = trimesh.visual.TextureVisuals(
                uv=visual.uv,
                material=trimesh.visual.material.PBRMaterial(
                    baseColorFactor=neutral, metallicFactor=0.0, roughnessFactor=0.9,
                ),
            )
    return scene


def mesh_to_glb(scene: trimesh.Scene, out_path: Path) -> Path:
    scene = _neutralise_black(scene.copy())
    data = scene.export(file_type="glb")
    out_path.write_bytes(data)
    return out_path


DERIVE_SCRIPT = gltf_validator.NODE_DIR / "derive.cjs"


@dataclass
class Derivative:
    """One viewer file made from the master, with what the viewer and API need to know."""

    role: str  # "web", "mobile" or "ar"
    path: Path
    bytes: int
    triangle_count: int
    max_texture_size: int
    validator: dict

    def to_dict(self) -> dict:
        return {"role": self.role, "bytes": self.bytes, "triangle_count": self.triangle_count,
                "max_texture_size": self.max_texture_size}


@dataclass
class Derivatives:
    by_role: dict[str, Derivative]
    # Counts, bounds and texture sizes of the master as decoded by glTF-Transform (Draco too).
    master: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)

    def __getitem__(self, role: str) -> Derivative:
        return self.by_role[role]


def base_glb(vm: ValidatedModel, out_dir: Path) -> Path:
    """What the derivative script reads: glTF/GLB masters as they are, OBJ as validation
    converted it, PLY and STL through trimesh."""
    if vm.format in ("glb", "gltf"):
        return vm.path
    if vm.base_glb is not None:
        return vm.base_glb
    return mesh_to_glb(vm.scene, out_dir / "base.glb")


class DerivativeJob:
    """``derive.cjs`` running on a master: started early, so that it overlaps with whatever
    Python still has to do (the Khronos validator on the master, zipping and hashing the
    master, the poster); :meth:`finish` collects the result."""

    def __init__(self, source: Path, out_dir: Path, limits: Limits):
        options = {
            "web": {"texture": limits.web_texture_px},
            "mobile": {"texture": limits.mobile_texture_px, "triangles": limits.mobile_triangles},
            "ar": {"texture": limits.ar_texture_px},
        }
        out_dir.mkdir(parents=True, exist_ok=True)
        self.out_dir = out_dir
        self.timeout = limits.derivative_timeout_s
        # stderr goes to a file: a pipe nobody reads while stdout is read could fill and block.
        self._stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [gltf_validator.node_binary(), "--expose-gc", str(DERIVE_SCRIPT), str(source),
             str(out_dir), json.dumps(options)],
            stdout=subprocess.PIPE, stderr=self._stderr, env=gltf_validator.node_env(),
        )
        self._timer = threading.Timer(self.timeout, self.proc.kill)
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.proc.stdout.close()
        self._stderr.close()

    def finish(self, on_ready: Callable[[str, Path], None] | None = None) -> Derivatives:
        """Wait for every version; ``on_ready(role, path)`` runs as soon as each file is
        written (while Node goes on with the others)."""
        last = b""
        try:
            for line in self.proc.stdout:
                if line.startswith(b'{"ready"'):
                    entry = json.loads(line)
                    if on_ready is not None:
                        on_ready(entry["ready"], self.out_dir / entry["file"])
                elif line.strip():
                    last = line
            self.proc.wait()
            timed_out = not self._timer.is_alive() and self.proc.returncode != 0
            self._stderr.seek(0)
            stderr = self._stderr.read()
        finally:
            self.cancel()
        if timed_out:
            raise ProcessingError(f"Making the viewer versions took longer than {self.timeout} s.")
        if self.proc.returncode != 0:
            raise ProcessingError("Making the viewer versions failed: "
                                  + stderr.decode("utf-8", "replace")[-500:])
        return _derivatives_from_report(json.loads(last), self.out_dir)


def _derivatives_from_report(report: dict, out_dir: Path) -> Derivatives:
    by_role = {}
    for entry in report["derivatives"]:
        problems = entry["validator"]
        if problems["errors"]:
            raise ProcessingError(
                f"The {entry['role']} version failed glTF validation: "
                + "; ".join(problems["messages"]))
        by_role[entry["role"]] = Derivative(
            role=entry["role"], path=out_dir / entry["file"], bytes=entry["bytes"],
            triangle_count=entry["triangle_count"], max_texture_size=entry["max_texture_size"],
            validator=problems,
        )
    return Derivatives(by_role=by_role, master=report["master"], timings=report["timings"])
