"""The single ingest path: prepare → validate → derivatives (with poster) → analyse.

Uploads (through the background task), the ``import_model`` command, tests and benchmarks all
call :func:`ingest`. It only writes below ``workdir``; the caller decides what to store, so a
refused model leaves nothing behind once the caller removes ``workdir``.
"""

import hashlib
import shutil
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .analyse import Analysis, analyse, geometry_counts
from .archive import extract_zip, find_main_model
from .derivative import DerivativeJob, Derivatives, base_glb
from .errors import ModelRejected, ProcessingError
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
    # Level 1: a 1 GB OBJ folder zips in a third of the default level's time, for a few per
    # cent in size; the files inside are the uploaded bytes either way.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=1) as zf:
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
          display_name: str | None = None,
          while_validating: Callable[[Path], None] | None = None) -> Prepared:
    """Prepare (unpack zips, find the model) and validate; cheap enough to run in a request.
    ``while_validating``: see :func:`validate`."""
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
    vm = validate(main, root, limits, main_name, workdir, while_validating)
    return Prepared(source=path, display_name=name, root=root, model=vm, is_zip=is_zip)


def _master(prepared: Prepared, workdir: Path, limits: Limits) -> tuple[Path, str]:
    """The downloadable original and its SHA-256. An uploaded zip is the master as it is
    (never re-zipped); loose references (CLI on a folder) are zipped with their model."""
    vm, name = prepared.model, prepared.display_name
    if prepared.is_zip:
        master = prepared.source
    elif vm.references:
        _check_size(sum(f.stat().st_size for f in [vm.path, *vm.references]), name, limits)
        master = _zip_master(vm.path, prepared.root, vm.references,
                             workdir / f"{vm.path.stem}.zip")
    else:
        master = vm.path
    return master, sha256_of(master)


def ingest(path: Path | str, workdir: Path | str, limits: Limits | None = None,
           display_name: str | None = None) -> IngestResult:
    """Validate and process one model; raises :class:`ModelRejected` with a human message.

    On two cores the stages overlap: the derivatives of a glTF/GLB start while the Khronos
    validator checks the master; the master is zipped (if loose) and hashed in a thread while
    Node works (zlib and hashlib release the GIL); the poster is drawn from ``ar.glb`` as soon
    as Node has written it, while the ``web`` version is still being encoded."""
    limits = limits or Limits()
    workdir = Path(workdir)
    out_dir = workdir / "out"
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    early: list[DerivativeJob] = []
    try:
        prepared = check(path, workdir, limits, display_name,
                         while_validating=lambda p: early.append(DerivativeJob(p, out_dir, limits)))
    except BaseException:
        for job in early:
            job.cancel()
        shutil.rmtree(out_dir, ignore_errors=True)
        raise
    timings["validate"] = time.perf_counter() - t0
    vm, name = prepared.model, prepared.display_name

    poster: dict[str, Path] = {}

    def draw_poster(role: str, file: Path) -> None:
        # From the small geometry: trimesh never loads a big master, and a 5 M-triangle scan
        # is rasterised at 500 k triangles with a 2048 px texture.
        if role != "ar":
            return
        t = time.perf_counter()
        scene = vm.loaded_scene
        if scene is None or geometry_counts(scene)[1] > limits.mobile_triangles:
            scene = load_scene(file, "glb", file.name)
        poster["path"] = write_thumbnail(scene, out_dir / "poster.png",
                                         size=limits.thumbnail_size)
        timings["thumbnail"] = time.perf_counter() - t

    t = time.perf_counter()
    out_dir.mkdir(exist_ok=True)
    with ThreadPoolExecutor(max_workers=1) as pool:
        master_job = pool.submit(_master, prepared, workdir, limits)
        job = early[0] if early else None
        try:
            job = job or DerivativeJob(base_glb(vm, out_dir), out_dir, limits)
            derivatives = job.finish(draw_poster)
        except BaseException:
            if job is not None:
                job.cancel()
            raise
        master, digest = master_job.result()
    timings["derivatives"] = time.perf_counter() - t
    if "path" not in poster:
        raise ProcessingError("The viewer versions were made without an AR version.")

    t = time.perf_counter()
    # Counts and bounds come from glTF-Transform unless trimesh loaded the model anyway.
    analysis = analyse(vm, file_size=master.stat().st_size,
                       master_stats=derivatives.master if vm.loaded_scene is None else None)
    timings["analyse"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0

    return IngestResult(
        source=prepared.source, display_name=name, format=vm.format, main_file=vm.path,
        master_path=master, master_sha256=digest, analysis=analysis, derivatives=derivatives,
        thumbnail_path=poster["path"], validator_report=vm.validator_report, timings=timings,
    )
