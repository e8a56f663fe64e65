"""Safe handling of zipped multi-file uploads (glTF + .bin + textures, OBJ + MTL + textures).

Zips are hostile until proven otherwise: entries may escape the target folder, be symlinks,
or declare small sizes and inflate to gigabytes. Sizes are checked as declared and again
while bytes are written, because declared sizes can lie.
"""

import shutil
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from .errors import ModelRejected
from .formats import MODEL_EXTENSIONS
from .limits import Limits

# Archive clutter produced by macOS Finder and Windows Explorer; never a model.
_IGNORED_PARTS = ("__MACOSX",)
_CHUNK = 1024 * 1024


def _is_ignored(parts: tuple[str, ...]) -> bool:
    return any(p in _IGNORED_PARTS or p.startswith("._") for p in parts) or parts[-1] in (
        ".DS_Store",
        "Thumbs.db",
    )


def _safe_parts(zip_name: str, entry: str) -> tuple[str, ...]:
    name = entry.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ModelRejected(
            zip_name,
            f"contains an entry with an absolute path (“{entry}”), which is not allowed.",
            "Zip the model folder itself, with relative paths only.",
            code="zip_unsafe_path",
        )
    parts = tuple(p for p in PurePosixPath(name).parts if p not in ("", "."))
    if any(p == ".." for p in parts):
        raise ModelRejected(
            zip_name,
            f"contains an entry that points outside the archive (“{entry}”), which is not allowed.",
            "Zip the model folder itself, with relative paths only.",
            code="zip_unsafe_path",
        )
    return parts


def extract_zip(
    zip_path: Path, dest: Path, limits: Limits, display_name: str | None = None
) -> Path:
    """Extract ``zip_path`` into ``dest`` (created), enforcing every safety limit."""
    name = display_name or zip_path.name
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelRejected(
            name, "is not a readable zip archive (it is damaged or incomplete).",
            "Create the zip again and upload it once more.", code="zip_bad",
        ) from exc
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_zip_entries:
            raise ModelRejected(
                name, f"holds {len(infos)} entries; at most {limits.max_zip_entries} are allowed.",
                "Zip only the model and the files it uses.", code="zip_too_many_entries",
            )
        declared = 0
        plan = []
        for info in infos:
            parts = _safe_parts(name, info.filename)
            if not parts or info.is_dir() or _is_ignored(parts):
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise ModelRejected(
                    name, f"contains a symbolic link (“{info.filename}”), which is not allowed.",
                    "Zip real files only.", code="zip_symlink",
                )
            if info.flag_bits & 0x1:
                raise ModelRejected(
                    name, "is password-protected.", "Upload an unencrypted zip.",
                    code="zip_encrypted",
                )
            declared += info.file_size
            if declared > limits.max_uncompressed_bytes:
                raise ModelRejected(
                    name, "would unpack to more than "
                    f"{limits.max_uncompressed_bytes // 1024**2} MB, more than is allowed.",
                    "Upload a smaller model.", code="zip_too_large",
                )
            if (
                info.file_size > _CHUNK
                and info.file_size / max(info.compress_size, 1) > limits.max_compression_ratio
            ):
                raise ModelRejected(
                    name, f"contains “{info.filename}”, compressed suspiciously tightly "
                    "(a possible zip bomb).", "Upload the model files in an ordinary zip.",
                    code="zip_bomb",
                )
            target = root.joinpath(*parts)
            if not target.resolve().is_relative_to(root):
                raise ModelRejected(
                    name, f"contains an entry that points outside the archive (“{info.filename}”).",
                    code="zip_unsafe_path",
                )
            plan.append((info, target))

        try:
            _write_entries(zf, plan, limits, name)
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
            raise ModelRejected(
                name, "is a damaged zip archive: some files inside cannot be unpacked.",
                "Create the zip again with an ordinary zip tool.", code="zip_bad",
            ) from exc
        except ModelRejected:
            shutil.rmtree(dest, ignore_errors=True)
            raise
    return dest


def _write_entries(zf: zipfile.ZipFile, plan, limits: Limits, name: str) -> None:
    written = 0
    for info, target in plan:
        target.parent.mkdir(parents=True, exist_ok=True)
        entry_written = 0
        with zf.open(info) as src, open(target, "wb") as out:
            while chunk := src.read(_CHUNK):
                entry_written += len(chunk)
                written += len(chunk)
                # Declared sizes can lie; count what really comes out.
                if entry_written > info.file_size or written > limits.max_uncompressed_bytes:
                    raise ModelRejected(
                        name, f"unpacks to more data than it declares (“{info.filename}”).",
                        "Upload an ordinary zip of the model files.", code="zip_bomb",
                    )
                out.write(chunk)


def find_main_model(folder: Path, display_name: str) -> Path:
    """The single model file inside an extracted upload; ambiguity is refused, not guessed."""
    found = sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in MODEL_EXTENSIONS
        and not _is_ignored(p.relative_to(folder).parts)
    )
    if not found:
        raise ModelRejected(
            display_name, "does not contain a 3D model file.",
            f"Put the {', '.join(MODEL_EXTENSIONS[:-1])} or {MODEL_EXTENSIONS[-1]} file in the zip "
            "with the files it uses.",
            code="no_model",
        )
    if len(found) > 1:
        names = ", ".join(f"“{p.relative_to(folder).as_posix()}”" for p in found[:5])
        raise ModelRejected(
            display_name, f"contains more than one 3D model ({names}).",
            "Upload one model per zip.", code="ambiguous_model",
        )
    return found[0]
