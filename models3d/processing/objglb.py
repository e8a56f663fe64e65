"""OBJ → GLB at native speed and in bounded memory, for scans of tens of millions of triangles.

trimesh's OBJ loader builds Python objects per line (19 s and 3 GB for a 5 M-triangle scan, so
a 15 M-triangle scan does not fit in 4 GB). Here the file is read in chunks; consecutive lines
of one kind (``v``, ``vt``, ``vn``, ``f``) are parsed together by numpy's C text reader, so the
peak is the arrays themselves (about 40 bytes per triangle), not per-line objects. Faces become
one glTF primitive per ``usemtl`` material; a corner's (v, vt, vn) triple becomes one glTF
vertex. Textures are embedded as their original bytes (JPEG/PNG are never decoded here; the
Node derivative step resizes them once). Anything numpy cannot read in bulk (short or odd
runs of lines) is read line by line, so a damaged file is refused with the line that broke it.

The GLB is only an intermediate for ``node/derive.cjs``; the OBJ master is never modified.
"""

import io
import json
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from .errors import ModelRejected
from .thumbnail import NEUTRAL

_CHUNK = 64 * 1024 * 1024
# Shorter runs are cheaper to read line by line than through np.loadtxt.
_BULK_MIN_LINES = 16
_V, _VT, _VN, _F, _OTHER = 0, 1, 2, 3, 4
_WS = (32, 9)
_REEXPORT = "Re-export it from your 3D software and upload it again."


def _unreadable(name: str, detail: str) -> ModelRejected:
    return ModelRejected(name, f"is not a readable OBJ file ({detail}).", _REEXPORT,
                         code="unreadable")


@dataclass
class _Material:
    colour: tuple = (1.0, 1.0, 1.0)
    opacity: float = 1.0
    texture: Path | None = None


@dataclass
class _Parsed:
    v: list = field(default_factory=list)
    colours: list = field(default_factory=list)
    vt: list = field(default_factory=list)
    vn: list = field(default_factory=list)
    n_v: int = 0
    n_vt: int = 0
    n_vn: int = 0
    # material name (None before any usemtl) -> list of (n, 3 corners, 3 [v, vt, vn]) int32
    faces: dict = field(default_factory=dict)
    material: str | None = None


class _Reader:
    def __init__(self, display_name: str):
        self.name = display_name
        self.p = _Parsed()
        self.line_no = 0  # lines before the current chunk

    # --- vertices --------------------------------------------------------------------------

    def _add_vertices(self, kind: int, rows: np.ndarray) -> None:
        p = self.p
        if kind == _V:
            if rows.shape[1] >= 6:
                p.colours.append(rows[:, 3:6].astype(np.float32))
            p.v.append(rows[:, :3].astype(np.float32))
            p.n_v += len(rows)
        elif kind == _VT:
            uv = rows[:, :2] if rows.shape[1] >= 2 else np.pad(rows[:, :1], ((0, 0), (0, 1)))
            p.vt.append(uv.astype(np.float32))
            p.n_vt += len(rows)
        else:
            p.vn.append(rows[:, :3].astype(np.float32))
            p.n_vn += len(rows)

    def _add_faces(self, corners: np.ndarray) -> None:
        """``corners``: (lines, n corners, 3) 1-based/negative OBJ indices, 0 = absent."""
        p = self.p
        n_corners = corners.shape[1]
        out = np.empty(corners.shape, dtype=np.int64)
        for c, count in enumerate((p.n_v, p.n_vt, p.n_vn)):
            idx = corners[..., c]
            out[..., c] = np.where(idx > 0, idx - 1, np.where(idx < 0, count + idx, -1))
        if n_corners == 3:
            tris = out
        else:  # polygons: a fan from the first corner, as trimesh and most loaders do
            fan = [out[:, [0, i, i + 1]] for i in range(1, n_corners - 1)]
            tris = np.stack(fan, axis=1).reshape(-1, 3, 3)
        p.faces.setdefault(p.material, []).append(tris.astype(np.int32))

    # --- line by line ----------------------------------------------------------------------

    def _slow_lines(self, text: bytes, first_line: int) -> None:
        for offset, raw in enumerate(text.split(b"\n")):
            line = raw.split(b"#", 1)[0].strip()
            if not line:
                continue
            key, rest = (line.split(None, 1) + [b""])[:2]
            where = f"line {first_line + offset + 1}"
            if key in (b"v", b"vt", b"vn"):
                try:
                    values = [float(x) for x in rest.split()]
                except ValueError:
                    raise _unreadable(self.name, f"{where} has a value that is not a number"
                                      ) from None
                need = 1 if key == b"vt" else 3
                if len(values) < need:
                    raise _unreadable(self.name, f"{where} has too few coordinates")
                if key == b"v" and len(values) not in (6, 7):
                    values = values[:3]  # x y z [w]; colours only as x y z r g b
                kind = {b"v": _V, b"vt": _VT, b"vn": _VN}[key]
                self._add_vertices(kind, np.array([values], dtype=np.float64))
            elif key == b"f":
                corners = []
                for tok in rest.split():
                    parts = tok.split(b"/")
                    try:
                        triple = [int(x) if x else 0 for x in parts[:3]]
                    except ValueError:
                        raise _unreadable(self.name, f"{where} has a face index that is not "
                                          "a number") from None
                    corners.append(triple + [0] * (3 - len(triple)))
                if len(corners) < 3:
                    raise _unreadable(self.name, f"{where} has a face with fewer than 3 corners")
                self._add_faces(np.array([corners], dtype=np.int64))
            elif key == b"usemtl":
                self.p.material = rest.strip().decode("utf-8", "replace")
            # mtllib (resolved by validation), o, g, s, vp, l, p, …: nothing to draw

    # --- in bulk ---------------------------------------------------------------------------

    def _bulk(self, kind: int, text: bytes, first_line: int) -> None:
        if kind == _F:
            if b"//" in text:
                text = text.replace(b"//", b"/0/")  # v//vn: OBJ indices are never 0
            first = text[1:text.find(b"\n") if b"\n" in text else len(text)].split()
            n_comp = first[0].count(b"/") + 1 if first else 1
            if n_comp > 3 or len(first) < 3:
                return self._slow_lines(text, first_line)
            body = text.replace(b"f", b" ").replace(b"/", b" ")
            dtype = np.int64
        else:
            body = text.replace(b"v", b" ").replace(b"t" if kind == _VT else b"n", b" ") \
                if kind != _V else text.replace(b"v", b" ")
            dtype = np.float64
        try:
            rows = np.loadtxt(io.BytesIO(body), dtype=dtype, ndmin=2, comments="#")
        except ValueError:
            # Mixed column counts (quads among triangles, v with and without colours) or a
            # damaged value: the exact reader handles the first and names the line of the second.
            return self._slow_lines(text, first_line)
        if kind == _F:
            if rows.shape[1] % n_comp or text.count(b"/") != rows.size // n_comp * (n_comp - 1):
                return self._slow_lines(text, first_line)
            corners = rows.reshape(len(rows), -1, n_comp)
            if n_comp < 3:
                corners = np.concatenate(
                    [corners, np.zeros(corners.shape[:2] + (3 - n_comp,), np.int64)], axis=2)
            self._add_faces(corners)
        else:
            if kind == _V and rows.shape[1] < 3 or kind == _VN and rows.shape[1] < 3:
                return self._slow_lines(text, first_line)
            self._add_vertices(kind, rows)

    def feed(self, chunk: bytes) -> None:
        arr = np.frombuffer(chunk, dtype=np.uint8)
        starts = np.concatenate([[0], np.flatnonzero(arr == 10) + 1])
        starts = starts[starts < len(arr)]
        if not len(starts):
            return
        padded = np.concatenate([arr, np.zeros(3, np.uint8)])
        c0, c1, c2 = padded[starts], padded[starts + 1], padded[starts + 2]
        ws1 = np.isin(c1, _WS)
        ws2 = np.isin(c2, _WS)
        kind = np.full(len(starts), _OTHER, dtype=np.int8)
        is_v = c0 == ord("v")
        kind[is_v & ws1] = _V
        kind[is_v & (c1 == ord("t")) & ws2] = _VT
        kind[is_v & (c1 == ord("n")) & ws2] = _VN
        kind[(c0 == ord("f")) & ws1] = _F
        bounds = np.concatenate([[0], np.flatnonzero(np.diff(kind)) + 1, [len(kind)]])
        ends = np.append(starts[1:], len(arr))
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            k = int(kind[a])
            text = chunk[starts[a]:ends[b - 1]]
            if k == _OTHER or b - a < _BULK_MIN_LINES:
                self._slow_lines(text, self.line_no + int(a))
            else:
                self._bulk(k, text, self.line_no + int(a))
        self.line_no += len(starts)


def parse(path: Path, display_name: str) -> _Parsed:
    reader = _Reader(display_name)
    with open(path, "rb") as fh:
        rest = b""
        while block := fh.read(_CHUNK):
            data = rest + block
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                rest = data
                continue
            reader.feed(data[:cut])
            rest = data[cut:]
        if rest:
            reader.feed(rest)
    return reader.p


# --- materials --------------------------------------------------------------------------------


def read_materials(mtl_paths: list[Path], root: Path, display_name: str) -> dict[str, _Material]:
    """Base colour, opacity and base-colour texture of each MTL material (what a viewer of a
    scan needs); other maps are kept in the master only."""
    from .validate import _map_filename, _resolve  # validate imports this module

    materials: dict[str, _Material] = {}
    for mtl in mtl_paths:
        current = None
        for line in mtl.read_text("utf-8", "replace").splitlines():
            key, _, rest = line.strip().partition(" ")
            rest = rest.strip()
            low = key.lower()
            if low == "newmtl":
                current = materials.setdefault(rest, _Material())
            elif current is None:
                continue
            elif low == "kd":
                try:
                    rgb = [float(x) for x in rest.split()[:3]]
                except ValueError:
                    continue
                if len(rgb) == 3:
                    current.colour = tuple(rgb)
            elif low in ("d", "tr"):
                try:
                    value = float(rest.split()[-1])
                except (ValueError, IndexError):
                    continue
                current.opacity = value if low == "d" else 1.0 - value
            elif low == "map_kd":
                name = _map_filename(rest)
                if name:
                    current.texture = _resolve(mtl.parent, root, name, display_name)
    return materials


def _image_bytes(path: Path) -> tuple[bytes, str]:
    data = path.read_bytes()
    if data.startswith(b"\x89PNG"):
        return data, "image/png"
    if data.startswith(b"\xff\xd8"):
        return data, "image/jpeg"
    # TGA, BMP, TIFF…: glTF carries PNG or JPEG only.
    with Image.open(io.BytesIO(data)) as im:
        out = io.BytesIO()
        im.convert("RGBA" if "A" in im.getbands() else "RGB").save(out, "PNG")
    return out.getvalue(), "image/png"


# --- vertices per glTF primitive -------------------------------------------------------------


def _functional(keys: np.ndarray, values: np.ndarray, n_keys: int) -> np.ndarray | None:
    """``table`` with ``table[keys] == values`` if each key always comes with the same value
    (a scan exported with one UV per position), else None."""
    table = np.full(n_keys, -1, dtype=np.int32)
    table[keys] = values
    return table if np.array_equal(table[keys], values) else None


def _vertex_ids(corners: np.ndarray, counts: tuple[int, int, int]):
    """One id per distinct (v, vt, vn) corner, and for each id its v, vt and vn."""
    v, vt, vn = corners[:, 0], corners[:, 1], corners[:, 2]
    has_vt, has_vn = vt[0] >= 0, vn[0] >= 0
    tables = [_functional(v, x, counts[0]) if has else None
              for x, has in ((vt, has_vt), (vn, has_vn))]
    if (not has_vt or tables[0] is not None) and (not has_vn or tables[1] is not None):
        used = np.zeros(counts[0], dtype=bool)
        used[v] = True
        remap = np.cumsum(used, dtype=np.int64) - 1
        src_v = np.flatnonzero(used)
        return (remap[v].astype(np.uint32), src_v,
                tables[0][src_v] if has_vt else None, tables[1][src_v] if has_vn else None)
    key = v.astype(np.int64)
    if has_vt:
        key = key * (counts[1] + 1) + vt
    if has_vn:
        _, key = np.unique(key, return_inverse=True)
        key = key.astype(np.int64) * (counts[2] + 1) + vn
    unique, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    del unique, key
    return (inverse.astype(np.uint32), v[first], vt[first] if has_vt else None,
            vn[first] if has_vn else None)


# --- GLB writing ------------------------------------------------------------------------------


class _Bin:
    def __init__(self):
        self.blobs: list = []
        self.views: list[dict] = []
        self.offset = 0

    def add(self, data, target: int | None = None) -> int:
        buf = memoryview(np.ascontiguousarray(data)).cast("B") if isinstance(
            data, np.ndarray) else memoryview(data)
        view = {"buffer": 0, "byteOffset": self.offset, "byteLength": len(buf)}
        if target:
            view["target"] = target
        self.blobs.append(buf)
        self.offset += len(buf)
        pad = (4 - self.offset % 4) % 4
        if pad:
            self.blobs.append(memoryview(b"\x00" * pad))
            self.offset += pad
        self.views.append(view)
        return len(self.views) - 1


def _material_json(mat: _Material | None, texture_index: int | None) -> dict:
    if mat is None or (texture_index is None and max(mat.colour) < 0.03):
        # Untextured black (common in scanner exports) or no material: warm stone grey.
        colour = [float(x) for x in NEUTRAL] + [mat.opacity if mat else 1.0]
    elif texture_index is not None:
        colour = [1.0, 1.0, 1.0, mat.opacity]
    else:
        colour = [float(x) for x in mat.colour] + [mat.opacity]
    pbr = {"baseColorFactor": [round(min(max(c, 0.0), 1.0), 6) for c in colour],
           "metallicFactor": 0.0, "roughnessFactor": 0.9}
    if texture_index is not None:
        pbr["baseColorTexture"] = {"index": texture_index}
    out = {"pbrMetallicRoughness": pbr, "doubleSided": True}
    if colour[3] < 1.0:
        out["alphaMode"] = "BLEND"
    return out


def obj_to_glb(path: Path, root: Path, references: list[Path], out_path: Path,
               display_name: str) -> dict:
    """Write ``out_path`` from the OBJ at ``path``; returns its counts. Raises ModelRejected
    for a file that is not a readable OBJ or has no faces."""
    parsed = parse(path, display_name)
    counts = (parsed.n_v, parsed.n_vt, parsed.n_vn)
    if not parsed.faces:
        raise ModelRejected(
            display_name, "contains no 3D geometry (no triangles and no points).",
            "Check that the export included the mesh.", code="empty_model",
        )
    positions = np.concatenate(parsed.v) if parsed.v else np.zeros((0, 3), np.float32)
    parsed.v.clear()
    if not np.isfinite(positions).all():
        raise ModelRejected(
            display_name, "has invalid coordinates (not-a-number or infinite values).",
            _REEXPORT, code="invalid_geometry",
        )
    uvs = np.concatenate(parsed.vt) if parsed.vt else None
    normals = np.concatenate(parsed.vn) if parsed.vn else None
    colours = None
    # Vertex colours ("v x y z r g b") only when every vertex has one.
    if parsed.colours and sum(len(c) for c in parsed.colours) == len(positions):
        colours = np.clip(np.concatenate(parsed.colours), 0.0, 1.0)
    if uvs is not None:
        uvs[:, 1] = 1.0 - uvs[:, 1]  # OBJ's v axis points up, glTF's down
    if normals is not None:
        length = np.linalg.norm(normals, axis=1, keepdims=True)
        normals = np.where(length > 1e-12, normals / np.maximum(length, 1e-12),
                           np.array([0, 0, 1], np.float32)).astype(np.float32)

    materials = read_materials([r for r in references if r.suffix.lower() == ".mtl"], root,
                               display_name)
    binary = _Bin()
    doc: dict = {"asset": {"version": "2.0", "generator": "Twin it! OBJ import"},
                 "scene": 0, "scenes": [{"nodes": [0]}],
                 "nodes": [{"mesh": 0, "name": path.stem[:200]}], "meshes": [{"primitives": []}],
                 "accessors": [], "materials": []}
    images: dict[Path, int] = {}
    triangles = 0

    def accessor(data: np.ndarray, kind: str, component: int, target: int | None,
                 bounds: bool = False) -> int:
        entry = {"bufferView": binary.add(data, target), "componentType": component,
                 "count": len(data), "type": kind}
        if bounds:
            entry["min"] = [float(x) for x in data.min(axis=0)]
            entry["max"] = [float(x) for x in data.max(axis=0)]
        doc["accessors"].append(entry)
        return len(doc["accessors"]) - 1

    for name, blocks in parsed.faces.items():
        corners = np.concatenate(blocks).reshape(-1, 3)
        blocks.clear()
        if corners[:, 0].min() < 0 or corners[:, 0].max() >= counts[0]:
            raise _unreadable(display_name, "a face refers to a vertex the file does not define")
        for c, label in ((1, "texture coordinate"), (2, "normal")):
            present = corners[:, c] >= 0
            if present.any() and not present.all():
                corners[~present, c] = corners[present, c][0]  # rare: a few corners lack it
            if present.any() and corners[:, c].max() >= counts[c]:
                raise _unreadable(display_name, f"a face refers to a {label} the file does "
                                  "not define")
        ids, src_v, src_vt, src_vn = _vertex_ids(corners, counts)
        del corners
        attributes = {"POSITION": accessor(positions[src_v], "VEC3", 5126, 34962, bounds=True)}
        if src_vn is not None:
            attributes["NORMAL"] = accessor(normals[src_vn], "VEC3", 5126, 34962)
        if src_vt is not None:
            attributes["TEXCOORD_0"] = accessor(uvs[src_vt], "VEC2", 5126, 34962)
        if colours is not None:
            attributes["COLOR_0"] = accessor(colours[src_v], "VEC3", 5126, 34962)
        mat = materials.get(name) if name is not None else None
        texture_index = None
        if mat is not None and mat.texture is not None and src_vt is not None:
            if mat.texture not in images:
                data, mime = _image_bytes(mat.texture)
                doc.setdefault("images", []).append(
                    {"bufferView": binary.add(data), "mimeType": mime})
                doc.setdefault("textures", []).append({"source": len(images), "sampler": 0})
                images[mat.texture] = len(images)
            texture_index = images[mat.texture]
        doc["materials"].append(_material_json(mat, texture_index))
        doc["meshes"][0]["primitives"].append({
            "attributes": attributes, "indices": accessor(ids, "SCALAR", 5125, 34963),
            "material": len(doc["materials"]) - 1, "mode": 4,
        })
        triangles += len(ids) // 3
    if images:
        doc["samplers"] = [{"magFilter": 9729, "minFilter": 9987}]
    doc["bufferViews"] = binary.views
    doc["buffers"] = [{"byteLength": binary.offset}]
    js = json.dumps(doc, separators=(",", ":")).encode()
    js += b" " * ((4 - len(js) % 4) % 4)
    with open(out_path, "wb") as fh:
        fh.write(struct.pack("<4sII", b"glTF", 2, 12 + 8 + len(js) + 8 + binary.offset))
        fh.write(struct.pack("<I4s", len(js), b"JSON"))
        fh.write(js)
        fh.write(struct.pack("<I4s", binary.offset, b"BIN\x00"))
        for blob in binary.blobs:
            fh.write(blob)
    return {"triangles": triangles, "vertices": counts[0]}

