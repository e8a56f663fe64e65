"""Is this upload a valid, non-empty 3D model? Refuse it with a specific message if not.

Order matters: cheap byte-level checks first (they give the most precise messages), then
reference resolution (nothing may be read from outside the upload), then the Khronos
validator for glTF, then trimesh, whose silent failures (empty scenes, zeroed Draco
geometry) are checked explicitly.
"""

import json
import logging
import mmap
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import trimesh

from . import gltf_validator
from .errors import ModelRejected
from .formats import BY_CODE, BY_EXTENSION
from .limits import Limits
from .markup import refuse_markup
from .objglb import obj_to_glb

_REEXPORT = "Re-export it from your 3D software and upload it again."
_ZIP_ADVICE = (
    "Upload a .zip that contains the model together with every file it uses "
    "(.bin, .mtl, textures)."
)


@dataclass
class ValidatedModel:
    path: Path
    root: Path
    format: str
    display_name: str
    references: list[Path] = field(default_factory=list)
    gltf_json: dict | None = None
    validator_report: dict | None = None
    loaded_scene: trimesh.Scene | None = None
    # OBJ converted to GLB during validation (objglb.py): what the derivative step reads.
    base_glb: Path | None = None

    @property
    def scene(self) -> trimesh.Scene:
        """trimesh's view of the model, loaded on first use. glTF/GLB ingest never needs it
        (glTF-Transform reads them; a 5 M-triangle scan costs trimesh seconds and 600 MB)."""
        if self.loaded_scene is None:
            self.loaded_scene = load_scene(self.path, self.format, self.display_name)
        return self.loaded_scene


# --- byte sniffing -------------------------------------------------------------------------

_FOREIGN_MAGIC = [
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x00\x18ftyp", "a video file"),
    (b"\x00\x00\x00\x20ftyp", "a video file"),
]


def foreign_kind(head: bytes) -> str | None:
    """A human name for well-known non-3D content, recognised by its first bytes."""
    for magic, label in _FOREIGN_MAGIC:
        if head.startswith(magic):
            return label
    return None


def _looks_textual(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        # A multibyte character cut at the end of the sample is still text.
        return exc.start >= len(head) - 4


def sniff(path: Path) -> str:
    """The format the bytes say: glb, gltf, ply, stl, obj, zip, or 'unknown'."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(65536)
    if head.startswith(b"glTF"):
        return "glb"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"ply\n") or head.startswith(b"ply\r\n"):
        return "ply"
    if size >= 84:
        (n,) = struct.unpack("<I", head[80:84])
        if size == 84 + 50 * n:
            return "stl"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "gltf"
    if stripped[:5].lower() == b"solid" and _looks_textual(head):
        return "stl"
    if _looks_textual(head):
        for line in head.splitlines():
            tok = line.split(None, 1)[:1]
            if tok and tok[0] in (b"v", b"vn", b"vt", b"f", b"mtllib", b"o", b"g", b"usemtl"):
                return "obj"
    return "unknown"


def check_bytes(path: Path, display_name: str) -> str:
    """The declared format, after checking that the bytes agree with the file name."""
    ext = path.suffix.lower()
    fmt = BY_EXTENSION[ext].code if ext in BY_EXTENSION else None
    if fmt is None:
        raise ModelRejected(
            display_name, f"has a file type ({ext or 'no extension'}) that is not a 3D model "
            "format we accept.", code="unsupported_type",
        )
    size = path.stat().st_size
    if size == 0:
        raise ModelRejected(
            display_name, "is empty (0 bytes).",
            "The upload or export may have failed; try again.", code="empty",
        )
    with open(path, "rb") as fh:
        head = fh.read(65536)
    foreign = foreign_kind(head)
    if foreign and not (fmt == "stl" and sniff(path) == "stl"):
        raise ModelRejected(
            display_name, f"is {foreign}, not a 3D model, although its name ends in {ext}.",
            "Choose the 3D model file itself.", code="wrong_type",
        )
    refuse_markup(path, fmt, display_name)
    found = sniff(path)
    if fmt == "glb":
        if found != "glb":
            raise ModelRejected(
                display_name, "is not a GLB file: it does not start with the binary glTF "
                "signature.", _REEXPORT, code="glb_bad_magic",
            )
        _check_glb_header(path, head, size, display_name)
    elif fmt == "gltf" and found != "gltf":
        if found == "glb":
            raise ModelRejected(
                display_name, "is a binary GLB file with a .gltf name.",
                "Rename it to .glb and upload it again.", code="wrong_type",
            )
        raise ModelRejected(
            display_name, "is not a readable glTF file: its text is not valid JSON "
            "(it may be truncated or damaged).", _REEXPORT, code="invalid_json",
        )
    elif fmt in ("obj", "ply", "stl") and found != fmt:
        label = BY_CODE[fmt].name
        raise ModelRejected(
            display_name, f"is not a readable {label} file: its content does not look like "
            f"{label} data (it may be damaged or another kind of file).", _REEXPORT,
            code="unreadable",
        )
    return fmt


def _check_glb_header(path: Path, head: bytes, size: int, display_name: str) -> None:
    if len(head) < 20:
        raise ModelRejected(
            display_name, "is not a complete GLB file: it ends before its data does.",
            _REEXPORT, code="truncated",
        )
    _magic, version, length = struct.unpack("<4sII", head[:12])
    if version != 2:
        raise ModelRejected(
            display_name, f"is a GLB file of version {version}; only glTF 2.0 is accepted.",
            "Re-export it as glTF 2.0 (GLB).", code="not_gltf2",
        )
    if length > size:
        raise ModelRejected(
            display_name, "is not a complete GLB file: it ends before its data does.",
            _REEXPORT, code="truncated",
        )


# --- external references -------------------------------------------------------------------


def _resolve(base_dir: Path, root: Path, uri: str, display_name: str) -> Path:
    if uri.startswith(("http://", "https://", "file:", "//")):
        raise ModelRejected(
            display_name, f"refers to an outside resource (“{uri[:80]}”), which is not allowed.",
            _ZIP_ADVICE, code="remote_reference",
        )
    rel = unquote(uri).replace("\\", "/")
    target = (base_dir / rel).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ModelRejected(
            display_name, f"refers to “{uri}”, which lies outside the uploaded folder.",
            _ZIP_ADVICE, code="reference_outside",
        )
    if not target.is_file():
        raise ModelRejected(
            display_name, f"refers to “{rel}”, which is not in the upload.", _ZIP_ADVICE,
            code="missing_reference",
        )
    return target


def load_gltf_json(path: Path, display_name: str) -> dict:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelRejected(
            display_name, "is not a readable glTF file: its text is not valid JSON "
            "(it may be truncated or damaged).", _REEXPORT, code="invalid_json",
        ) from exc
    return _check_gltf_root(data, display_name)


def read_glb_json(path: Path, display_name: str) -> dict:
    with open(path, "rb") as fh:
        header = fh.read(20)
        chunk_len, chunk_type = struct.unpack("<I4s", header[12:20])
        if chunk_type != b"JSON":
            raise ModelRejected(
                display_name, "is not a valid GLB file: its first part is not glTF JSON.",
                _REEXPORT, code="gltf_invalid",
            )
        raw = fh.read(chunk_len)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelRejected(
            display_name, "is not a readable GLB file: its JSON part is damaged.", _REEXPORT,
            code="invalid_json",
        ) from exc
    return _check_gltf_root(data, display_name)


def _check_gltf_root(data, display_name: str) -> dict:
    if not isinstance(data, dict):
        raise ModelRejected(
            display_name, "is not a glTF file: its JSON is not a glTF object.", _REEXPORT,
            code="invalid_json",
        )
    asset = data.get("asset")
    if not isinstance(asset, dict):
        raise ModelRejected(
            display_name, "is not a glTF 2.0 file: the required “asset” section is missing.",
            "Re-export it as glTF 2.0 from your 3D software.", code="not_gltf2",
        )
    if not str(asset.get("version", "")).startswith("2."):
        raise ModelRejected(
            display_name, f"is glTF version {asset.get('version')!s}; only glTF 2.0 is accepted.",
            "Re-export it as glTF 2.0 from your 3D software.", code="not_gltf2",
        )
    return data


def gltf_references(path: Path, root: Path, data: dict, display_name: str) -> list[Path]:
    refs = []
    for key in ("buffers", "images"):
        for item in data.get(key) or []:
            uri = item.get("uri") if isinstance(item, dict) else None
            if uri and not uri.startswith("data:"):
                refs.append(_resolve(path.parent, root, uri, display_name))
    return refs


_MAP_KEYS = ("map_", "bump", "disp", "decal", "refl", "norm")


def _map_filename(rest: str) -> str:
    toks = rest.split()
    i = 0
    while i < len(toks) and toks[i].startswith("-"):
        i += 1
        while i < len(toks) - 1 and (_is_number(toks[i]) or toks[i] in ("on", "off")):
            i += 1
        # Single-letter-argument options like "-imfchan r" / "-type sphere".
        if i < len(toks) - 1 and not _is_number(toks[i]) and not toks[i].startswith("-") and \
                toks[i - 1] in ("-imfchan", "-type"):
            i += 1
    return " ".join(toks[i:])


def _is_number(tok: str) -> bool:
    try:
        float(tok)
        return True
    except ValueError:
        return False


def obj_references(path: Path, root: Path, display_name: str) -> list[Path]:
    """MTL libraries and their texture maps, each of which must be inside the upload."""
    refs: list[Path] = []
    mtl_names: list[str] = []
    # Searched through a memory map, not line by line: a 15 M-triangle scan has 40 M lines.
    # (Empty files were refused before.)
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        start = 0
        while (found := mm.find(b"mtllib", start)) != -1:
            end = mm.find(b"\n", found)
            end = len(mm) if end == -1 else end
            if found == 0 or mm[found - 1] in (10, 13):
                mtl_names.append(mm[found + 6:end].decode("utf-8", "replace").strip())
            start = end
    for name in mtl_names:
        if not name:
            continue
        candidate = (path.parent / unquote(name)).resolve()
        # "mtllib a.mtl b.mtl" lists several libraries; a single name may contain spaces.
        names = [name] if candidate.is_file() or " " not in name else name.split()
        for n in names:
            mtl = _resolve(path.parent, root, n, display_name)
            refs.append(mtl)
            for line in mtl.read_text("utf-8", "replace").splitlines():
                stripped = line.strip()
                key, _, rest = stripped.partition(" ")
                if key.lower().startswith(_MAP_KEYS) and rest.strip():
                    tex = _map_filename(rest)
                    if tex:
                        refs.append(_resolve(mtl.parent, root, tex, display_name))
    return refs


# --- loading ---------------------------------------------------------------------------------


def load_scene(path: Path, fmt: str, display_name: str) -> trimesh.Scene:
    label = BY_CODE[fmt].name
    # trimesh reports some decoding failures only as log warnings; keep them out of the logs
    # of a web worker, the geometry checks below catch their effect.
    log = logging.getLogger("trimesh")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        scene = trimesh.load_scene(str(path), file_type=fmt)
    except FileNotFoundError as exc:
        missing = Path(str(exc.args[-1] if exc.args else exc)).name
        if missing == path.name or fmt == "gltf" and missing in ("model.gltf", ""):
            raise ModelRejected(
                display_name, f"is not a readable {label} file (its content is damaged).",
                _REEXPORT, code="unreadable",
            ) from exc
        raise ModelRejected(
            display_name, f"refers to “{missing}”, which is not in the upload.", _ZIP_ADVICE,
            code="missing_reference",
        ) from exc
    except MemoryError as exc:
        raise ModelRejected(
            display_name, "is too large to process on this server.",
            "Upload a decimated version for the web and keep the master elsewhere.",
            code="too_large",
        ) from exc
    except Exception as exc:  # noqa: BLE001 - trimesh raises anything from bare asserts to IndexError
        raise ModelRejected(
            display_name, f"is not a readable {label} file (it is damaged or incomplete: "
            f"{type(exc).__name__}).", _REEXPORT, code="unreadable",
        ) from exc
    finally:
        log.setLevel(level)
    return scene


def check_geometry(scene: trimesh.Scene, fmt: str, display_name: str, gltf_json=None) -> None:
    geoms = list(scene.geometry.values())
    triangles = sum(len(g.faces) for g in geoms if hasattr(g, "faces"))
    points = sum(len(g.vertices) for g in geoms if isinstance(g, trimesh.PointCloud))
    if not geoms or (triangles == 0 and points == 0):
        raise ModelRejected(
            display_name, "contains no 3D geometry (no triangles and no points).",
            "Check that the export included the mesh.", code="empty_model",
        )
    draco = "KHR_draco_mesh_compression" in ((gltf_json or {}).get("extensionsUsed") or [])
    for g in geoms:
        v = np.asarray(g.vertices)
        if len(v) and not np.isfinite(v).all():
            raise ModelRejected(
                display_name, "has invalid coordinates (not-a-number or infinite values).",
                _REEXPORT, code="invalid_geometry",
            )
        if len(v) > 1 and not v.any():
            what = "its Draco-compressed geometry" if draco else "its geometry"
            raise ModelRejected(
                display_name, f"could not be decoded: {what} came out with every coordinate "
                "at zero.", "Export it without Draco compression, or re-export it.",
                code="undecodable",
            )


def check_gltf_geometry(data: dict, display_name: str) -> None:
    """Refuse a glTF whose JSON declares no triangles or points. The Khronos validator has
    already checked every accessor (bounds, non-finite values) against the binary data."""
    accessors = data.get("accessors") or []
    for mesh in data.get("meshes") or []:
        for prim in mesh.get("primitives") or []:
            position = (prim.get("attributes") or {}).get("POSITION")
            if isinstance(position, int) and 0 <= position < len(accessors) \
                    and accessors[position].get("count", 0) > 0 and prim.get("mode", 4) in (0, 4, 5, 6):
                return
    raise ModelRejected(
        display_name, "contains no 3D geometry (no triangles and no points).",
        "Check that the export included the mesh.", code="empty_model",
    )


def validate(path: Path, root: Path, limits: Limits, display_name: str | None = None,
             workdir: Path | None = None,
             while_validating: Callable[[Path], None] | None = None) -> ValidatedModel:
    """Validate the model file ``path`` whose external files must lie below ``root``.

    An OBJ is read by :mod:`objglb` (not trimesh), which writes ``workdir/base.glb`` while it
    checks the file: reading a 15 M-triangle scan twice would double the cost of ingest.
    ``while_validating(path)`` is called for a glTF/GLB once its references are known to stay
    inside the upload, just before the Khronos validator runs, so that work which only reads
    the file (the derivatives) can run on the second core meanwhile."""
    display_name = display_name or path.name
    fmt = check_bytes(path, display_name)
    gltf_json = None
    refs: list[Path] = []
    if fmt == "gltf":
        gltf_json = load_gltf_json(path, display_name)
        refs = gltf_references(path, root, gltf_json, display_name)
    elif fmt == "glb":
        gltf_json = read_glb_json(path, display_name)
        refs = gltf_references(path, root, gltf_json, display_name)
    elif fmt == "obj":
        refs = obj_references(path, root, display_name)

    report = None
    if fmt in ("gltf", "glb"):
        if while_validating is not None:
            while_validating(path)
        report = gltf_validator.run_validator(path, root, timeout=limits.validator_timeout_s)
        rejection = gltf_validator.rejection_from_report(report, display_name)
        if rejection:
            raise rejection

    scene = None
    base = None
    if fmt in ("gltf", "glb"):
        check_gltf_geometry(gltf_json, display_name)
    elif fmt == "obj":
        base = Path(workdir or path.parent) / "base.glb"
        obj_to_glb(path, root, refs, base, display_name)
    else:
        scene = load_scene(path, fmt, display_name)
        check_geometry(scene, fmt, display_name, gltf_json)
    return ValidatedModel(
        path=path, root=root, format=fmt, display_name=display_name, loaded_scene=scene,
        references=refs, gltf_json=gltf_json, validator_report=report, base_glb=base,
    )
