"""A synthetic textured scan for the large-scan benchmark, written straight to GLB and OBJ.

A bumpy ovoid with continuous UVs (one atlas, like a photogrammetry export), per-vertex
normals and one square JPEG texture. Arrays are built with numpy and written by hand so
that generating 5 M triangles takes seconds and the benchmark measures ingest, not export.
"""

import json
import struct
from pathlib import Path

import numpy as np
from PIL import Image


def surface(triangles: int):
    """(positions, normals, uvs, indices) of a closed-looking ovoid with ~``triangles``."""
    rows = max(4, int(round(np.sqrt(triangles / 4))))
    cols = max(8, int(round(triangles / (2 * rows))))
    phi = np.linspace(0.02, np.pi - 0.02, rows + 1, dtype=np.float32)
    theta = np.linspace(0, 2 * np.pi, cols + 1, dtype=np.float32)
    relief = (1 + 0.03 * np.sin(9 * phi)[:, None] * np.cos(7 * theta)[None, :]
              + 0.01 * np.sin(41 * phi)[:, None] * np.sin(37 * theta)[None, :])
    r = relief * np.sin(phi)[:, None]
    pos = np.stack([0.5 * r * np.cos(theta), np.broadcast_to(0.8 * np.cos(phi)[:, None], r.shape),
                    0.4 * r * np.sin(theta)], axis=-1).reshape(-1, 3).astype(np.float32)
    nrm = pos / np.maximum(np.linalg.norm(pos, axis=1, keepdims=True), 1e-6)
    u, v = np.meshgrid(theta / (2 * np.pi), phi / np.pi)
    uv = np.stack([u, v], axis=-1).reshape(-1, 2).astype(np.float32)
    i, j = np.meshgrid(np.arange(rows, dtype=np.uint32), np.arange(cols, dtype=np.uint32),
                       indexing="ij")
    a = i * (cols + 1) + j
    b, c, d = a + 1, a + cols + 1, a + cols + 2
    idx = np.stack([a, c, b, b, c, d], axis=-1).reshape(-1).astype(np.uint32)
    return pos, nrm.astype(np.float32), uv, idx


def texture(size: int) -> bytes:
    """A JPEG with stone-like detail at every scale (so resizing has real work to do)."""
    y, x = np.ogrid[0:size, 0:size]
    rng = np.random.default_rng(7)
    base = (150 + 40 * np.sin(x / (size / 23)) * np.cos(y / (size / 17))).astype(np.float32)
    img = np.empty((size, size, 3), dtype=np.uint8)
    for ch, tint in enumerate((1.0, 0.93, 0.82)):
        noise = rng.integers(0, 40, size=(size, size), dtype=np.uint8)
        img[..., ch] = np.clip(base * tint + noise, 0, 255).astype(np.uint8)
        del noise
    from io import BytesIO

    out = BytesIO()
    Image.fromarray(img).save(out, "JPEG", quality=88)
    return out.getvalue()


def _pad(b: bytes, fill: bytes = b"\x00") -> bytes:
    return b + fill * ((4 - len(b) % 4) % 4)


def write_glb(path: Path, triangles: int, texture_size: int) -> Path:
    pos, nrm, uv, idx = surface(triangles)
    jpeg = texture(texture_size)
    blobs = [pos.tobytes(), nrm.tobytes(), uv.tobytes(), idx.tobytes(), jpeg]
    views, offset = [], 0
    for blob in blobs:
        views.append({"buffer": 0, "byteOffset": offset, "byteLength": len(blob)})
        offset += len(_pad(blob))
    n = len(pos)
    doc = {
        "asset": {"version": "2.0", "generator": "twinit scan benchmark"},
        "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0, "name": "scan"}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0, "NORMAL": 1, "TEXCOORD_0": 2},
                                    "indices": 3, "material": 0}]}],
        "materials": [{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0},
                                                "metallicFactor": 0, "roughnessFactor": 0.9}}],
        "textures": [{"source": 0, "sampler": 0}], "samplers": [{}],
        "images": [{"bufferView": 4, "mimeType": "image/jpeg"}],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": n, "type": "VEC3",
             "min": pos.min(0).tolist(), "max": pos.max(0).tolist()},
            {"bufferView": 1, "componentType": 5126, "count": n, "type": "VEC3"},
            {"bufferView": 2, "componentType": 5126, "count": n, "type": "VEC2"},
            {"bufferView": 3, "componentType": 5125, "count": len(idx), "type": "SCALAR"},
        ],
        "bufferViews": views[:2] + [views[2]] + [
            {**views[3], "target": 34963}, views[4]],
        "buffers": [{"byteLength": offset}],
    }
    for v in doc["bufferViews"][:3]:
        v["target"] = 34962
    js = _pad(json.dumps(doc, separators=(",", ":")).encode(), b" ")
    with open(path, "wb") as fh:
        fh.write(struct.pack("<4sII", b"glTF", 2, 12 + 8 + len(js) + 8 + offset))
        fh.write(struct.pack("<I4s", len(js), b"JSON") + js)
        fh.write(struct.pack("<I4s", offset, b"BIN\x00"))
        for blob in blobs:
            fh.write(_pad(blob))
    return path


def write_obj_folder(folder: Path, triangles: int, texture_size: int) -> Path:
    """The same scan as an OBJ + MTL + JPEG folder, as scanner software exports it."""
    folder.mkdir(parents=True, exist_ok=True)
    pos, _nrm, uv, idx = surface(triangles)
    (folder / "scan.jpg").write_bytes(texture(texture_size))
    (folder / "scan.mtl").write_text("newmtl stone\nKd 1 1 1\nmap_Kd scan.jpg\n")
    faces = idx.reshape(-1, 3) + 1
    with open(folder / "scan.obj", "w") as fh:
        fh.write("mtllib scan.mtl\nusemtl stone\n")
        for start in range(0, len(pos), 500_000):
            np.savetxt(fh, pos[start:start + 500_000], fmt="v %.6f %.6f %.6f")
            np.savetxt(fh, uv[start:start + 500_000], fmt="vt %.6f %.6f")
        for start in range(0, len(faces), 500_000):
            f = faces[start:start + 500_000]
            np.savetxt(fh, np.repeat(f, 2, axis=1), fmt="f %d/%d %d/%d %d/%d")
    return folder / "scan.obj"
