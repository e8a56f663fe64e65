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
    # Draco is lossy (quantised); only worth it where the raw web GLB would be heavy to download.
    draco_above_triangles: int = 3_000_000
    thumbnail_size: int = 512
    validator_timeout_s: int = 300
    run_khronos_validator: bool = True
