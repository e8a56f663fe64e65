"""Tunable limits of the ingest pipeline, kept apart so Django settings can fill them in, and
the one check of an upload's name and size before any of its bytes is read."""

from dataclasses import dataclass
from pathlib import Path

from .errors import ModelRejected
from .formats import UPLOAD_EXTENSIONS


@dataclass(frozen=True)
class Limits:
    # Default generous enough for museum scans, which are often hundreds of MB.
    max_upload_bytes: int = 1024**3
    max_zip_entries: int = 2000
    # Textures inflate a lot when zipped models are unpacked; 4 GB still stops a zip bomb.
    max_uncompressed_bytes: int = 4 * 1024**3
    max_compression_ratio: int = 200
    # Derivatives (see derivative.py): textures are capped per role; only ``mobile`` (and ``ar``,
    # which shares its geometry) is simplified. ``web`` keeps every triangle (meshopt-compressed).
    web_texture_px: int = 2048
    mobile_texture_px: int = 1024
    mobile_triangles: int = 500_000
    ar_texture_px: int = 2048
    derivative_timeout_s: int = 900
    thumbnail_size: int = 512
    validator_timeout_s: int = 300


def human_size(n):
    return f"{n / 1024**3:.1f} GB" if n >= 1024**3 else f"{n / 1024**2:.0f} MB"


def size_refusal(name, size, limits):
    """The refusal of ``size`` bytes above the upload limit, or None: one limit, one wording,
    wherever a file arrives (the resumable upload's start, the plain upload, the pipeline)."""
    if size <= limits.max_upload_bytes:
        return None
    return ModelRejected(
        name, f"is {human_size(size)}, larger than the maximum of "
        f"{human_size(limits.max_upload_bytes)}.",
        "Upload a smaller (decimated) version or ask an administrator to raise the limit.",
        code="too_large",
    )


def upload_refusal(name, size, limits):
    """Why an upload of ``name`` and ``size`` bytes is refused before any byte is read, or None."""
    if Path(name).suffix.lower() not in UPLOAD_EXTENSIONS:
        return ModelRejected(name, "is not a 3D model format we accept.", code="unsupported_type")
    if size <= 0:
        return ModelRejected(name, "is empty (0 bytes).", code="empty")
    return size_refusal(name, size, limits)
