"""The single ingest path: prepare → validate → derivatives → analyse → poster.

Uploads (through the background task), the ``import_model`` command, tests and benchmarks all
call :func:`ingest`. It only writes below ``workdir``; the caller decides what to store, so a
refused model leaves nothing behind once the caller removes ``workdir``.
"""

import hashlib
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .analyse import Analysis, analyse
from .archive import extract_zip, find_main_model
from .derivative import Derivatives, make_derivatives
from .errors import ModelRejected
from .limits import Limits, size_refusal
from .thumbnail import write_thumbnail
from .validate import ValidatedModel, load_scene, sniff, validate


@dataclass
class IngestResult:
    source: Path
    display_name: str
    format: str
    main_file: Path
    # The downloadable original: the uploaded file or zip, or a zip built from a model file
    # and the files it references when those were given loose (CLI on a folder).
    master_path: Path
    master_sha256: str
    analysis: Analysis
    derivatives: Derivatives
    thumbnail_path: Path
    validator_report: dict | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def derivative_path(self) -> Path:
        """The ``web`` GLB: what the viewer loads first on a desktop."""
        return self.derivatives["web"].path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(8 * 1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _check_size(size: int, name: str, limits: Limits) -> None:
    refusal = size_refusal(name, size, limits)
    if refusal is not None:
        raise refusal


def _zip_master(main: Path, root: Path, refs: list[Path], out: Path) -> Path:
    # Validation resolves the references it follows; compare resolved paths, so a folder reached
    # through a symlink (a mounted share) is still one tree with its references.
    root = root.resolve()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        for f in [main, *refs]:
            zf.write(f, f.resolve().relative_to(root).as_posix())
    return out


@dataclass
class Prepared:
    """An upload unpacked and validated: the first two stages of :func:`ingest`."""

    source: Path
    display_name: str
    root: Path
    model: ValidatedModel
    is_zip: bool


def check(path: Path | str, workdir: Path | str, limits: Limits | None = None,
          display_name: str | None = None) -> Prepared:
    """Prepare (unpack zips, find the model) and validate; cheap enough to run in a request."""
    limits = limits or Limits()
    path = Path(path)
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    name = display_name or path.name
    if not path.exists():
        raise ModelRejected(name, "could not be found.", code="not_found")
    is_zip = path.is_file() and (path.suffix.lower() == ".zip" or sniff(path) == "zip")
    if path.is_dir():
        root = path
        main = find_main_model(path, name)
        _check_size(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()), name, limits)
    elif is_zip:
        _check_size(path.stat().st_size, name, limits)
        root = extract_zip(path, workdir / "upload", limits, name)
        main = find_main_model(root, name)
    else:
        _check_size(path.stat().st_size, name, limits)
        root = path.parent
        main = path
    main_name = main.relative_to(root).as_posix() if (is_zip or path.is_dir()) else name
    vm = validate(main, root, limits, main_name, workdir)
    return Prepared(source=path, display_name=name, root=root, model=vm, is_zip=is_zip)


def ingest(path: Path | str, workdir: Path | str, limits: Limits | None = None,
           display_name: str | None = None) -> IngestResult:
    """Validate and process one model; raises :class:`ModelRejected` with a human message."""
    limits = limits or Limits()
    workdir = Path(workdir)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    prepared = check(path, workdir, limits, display_name)
    timings["validate"] = time.perf_counter() - t0
    vm, root, name = prepared.model, prepared.root, prepared.display_name
    main = vm.path

    if prepared.is_zip:
        master = prepared.source
    elif vm.references:
        _check_size(sum(f.stat().st_size for f in [main, *vm.references]), name, limits)
        master = _zip_master(main, root, vm.references, workdir / f"{main.stem}.zip")
    else:
        master = main

    out_dir = workdir / "out"
    out_dir.mkdir(exist_ok=True)
    t = time.perf_counter()
    derivatives = make_derivatives(vm, out_dir, limits)
    timings["derivatives"] = time.perf_counter() - t

    t = time.perf_counter()
    # Counts and bounds come from glTF-Transform unless trimesh loaded the model anyway.
    analysis = analyse(vm, file_size=master.stat().st_size,
                       master_stats=derivatives.master if vm.loaded_scene is None else None)
    digest = sha256_of(master)
    timings["analyse"] = time.perf_counter() - t

    t = time.perf_counter()
    # The poster is drawn from the small geometry: trimesh never loads a big glTF master, and
    # a 5 M-triangle scan is rasterised at 500 k triangles with a 2048 px texture.
    if vm.loaded_scene is not None and analysis.triangle_count <= limits.mobile_triangles:
        poster_scene = vm.scene
    else:
        ar = derivatives["ar"]
        poster_scene = load_scene(ar.path, "glb", ar.path.name)
    thumb = write_thumbnail(poster_scene, out_dir / "poster.png", size=limits.thumbnail_size)
    timings["thumbnail"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0

    return IngestResult(
        source=prepared.source, display_name=name, format=vm.format, main_file=main,
        master_path=master, master_sha256=digest, analysis=analysis, derivatives=derivatives,
        thumbnail_path=thumb, validator_report=vm.validator_report, timings=timings,
    )
