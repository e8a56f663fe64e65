"""Tunable limits of the ingest pipeline, kept apart so Django settings can fill them in."""

from dataclasses import dataclass


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
