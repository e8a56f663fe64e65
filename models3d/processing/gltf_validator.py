"""The Khronos glTF validator (npm ``gltf-validator``), run through Node as a subprocess.

There is no Python port; the npm package is pure JS. Its report is trusted only when it has
no errors; errors are turned into a sentence a non-technical person can act on.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

from .errors import ModelRejected, ProcessingError

NODE_DIR = Path(__file__).resolve().parent.parent / "node"
REPO_ROOT = NODE_DIR.parent.parent
VALIDATE_SCRIPT = NODE_DIR / "validate.cjs"


def node_env() -> dict[str, str]:
    """Environment for Node helpers: the project's node_modules, wherever the helper lives."""
    env = dict(os.environ)
    modules = os.environ.get("THREED_NODE_MODULES") or str(REPO_ROOT / "node_modules")
    env["NODE_PATH"] = modules + (os.pathsep + env["NODE_PATH"] if env.get("NODE_PATH") else "")
    return env


def node_binary() -> str:
    node = shutil.which("node")
    if not node:
        raise ProcessingError("Node.js is not installed; the glTF validator cannot run.")
    return node


def run_validator(path: Path, root: Path | None = None, timeout: int = 300) -> dict:
    """The validator's JSON report for ``path``; external files are read only below ``root``."""
    root = root or path.parent
    try:
        proc = subprocess.run(
            [node_binary(), str(VALIDATE_SCRIPT), str(path), str(root)],
            capture_output=True, timeout=timeout, env=node_env(), check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ProcessingError(f"The glTF validator took longer than {timeout} s.") from exc
    try:
        report = json.loads(proc.stdout or b"{}")
    except json.JSONDecodeError as exc:
        raise ProcessingError(
            "The glTF validator failed: " + proc.stderr.decode("utf-8", "replace")[:500]
        ) from exc
    if not report:
        raise ProcessingError(
            "The glTF validator failed: " + proc.stderr.decode("utf-8", "replace")[:500]
        )
    return report


def errors_of(report: dict) -> list[dict]:
    return [m for m in report.get("issues", {}).get("messages", []) if m.get("severity") == 0]


# Codes grouped by what the person can do about them; the first matching error wins.
_TRUNCATED = {
    "GLB_UNEXPECTED_END_OF_CHUNK_DATA", "GLB_UNEXPECTED_END_OF_HEADER",
    "GLB_UNEXPECTED_END_OF_CHUNK_HEADER", "GLB_LENGTH_TOO_SMALL", "GLB_LENGTH_MISMATCH",
    "GLB_CHUNK_TOO_BIG", "BUFFER_BYTE_LENGTH_MISMATCH", "GLB_UNEXPECTED_BIN_CHUNK",
}
_HUMAN = {
    "GLB_INVALID_MAGIC": ("is not a GLB file: it does not start with the binary glTF signature.",
                          "glb_bad_magic"),
    "GLB_INVALID_VERSION": ("is a GLB file of an unsupported version; only glTF 2.0 is accepted.",
                            "not_gltf2"),
    "INVALID_JSON": ("is not a readable glTF file: its text is not valid JSON "
                     "(it may be truncated or damaged).", "invalid_json"),
    "INVALID_JSON_ROOT_OBJECT": ("is not a glTF file: its JSON is not a glTF object.",
                                 "invalid_json"),
    "IO_ERROR": ("refers to a file that could not be read ({pointer}).", "missing_reference"),
    "UNKNOWN_ASSET_MAJOR_VERSION": ("is not a glTF 2.0 file (its version is not 2.x).",
                                    "not_gltf2"),
}


def rejection_from_report(report: dict, display_name: str) -> ModelRejected | None:
    """A :class:`ModelRejected` describing the report's errors, or ``None`` if there are none."""
    if report.get("fatal"):
        return ModelRejected(
            display_name, "is not a glTF file: its content is not recognisable as glTF or GLB.",
            "Re-export it from your 3D software.", code="not_gltf",
        )
    errs = errors_of(report)
    if not report.get("issues", {}).get("numErrors") and not errs:
        return None
    first = errs[0] if errs else {"code": "UNKNOWN", "message": "", "pointer": ""}
    code = first.get("code", "")
    pointer = first.get("pointer") or ""
    others = len(errs) - 1
    tail = f" ({others} further problem{'s' if others != 1 else ''} found.)" if others > 0 else ""
    if code in _TRUNCATED:
        return ModelRejected(
            display_name, "is not a complete GLB file: it ends before its data does." + tail,
            "Re-export it from your 3D software and upload it again.", code="truncated",
        )
    if code == "UNDEFINED_PROPERTY" and "'asset'" in first.get("message", ""):
        return ModelRejected(
            display_name, "is not a glTF 2.0 file: the required “asset” section is missing." + tail,
            "Re-export it as glTF 2.0 from your 3D software.", code="not_gltf2",
        )
    if code in _HUMAN:
        text, reason = _HUMAN[code]
        return ModelRejected(
            display_name, text.format(pointer=pointer) + tail,
            "Re-export it from your 3D software.", code=reason,
        )
    return ModelRejected(
        display_name,
        "does not conform to the glTF 2.0 specification "
        f"(Khronos validator: {code} at {pointer or '/'}: {first.get('message', '')})." + tail,
        "Re-export it from your 3D software, or ask whoever made it to check it with the "
        "Khronos glTF validator.", code="gltf_invalid",
    )
