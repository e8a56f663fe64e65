"""The public dataset zips, built once in the background and served as files.

Building a country's zip reads every asset and copies its models (hundreds of MB at scale), so
it must never happen per request: when an asset is published, unpublished or deleted (its
OAIRecord changes), a task rebuilds that country's zip and the all-countries zip. Each zip is
written beside its final name and renamed into place, so a download never sees half a file;
``<zip>.version`` records which state of the collection it holds, so repeated requests for a
rebuild after one burst of publishing do the work once.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.db.models import Max

from .dataset import dataset_name, write_dataset
from .models import OAIRecord

FOLDER = "datasets"


def dataset_root() -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER


def dataset_path(country: str | None) -> Path:
    return dataset_root() / dataset_name(country)


def dataset_url(country: str | None) -> str:
    return f"{settings.MEDIA_URL.rstrip('/')}/{FOLDER}/{dataset_name(country)}"


def collection_state(country: str | None) -> str:
    """Changes whenever an asset of ``country`` (or any, for None) changes publicly."""
    records = OAIRecord.objects.all()
    if country:
        records = records.filter(country=country)
    latest = records.aggregate(latest=Max("datestamp"), n=Max("id"))
    return f"{latest['latest'].isoformat() if latest['latest'] else '-'}:{latest['n']}"


def built_state(country: str | None) -> str | None:
    try:
        return dataset_path(country).with_suffix(".zip.version").read_text()
    except OSError:
        return None


def is_current(country: str | None) -> bool:
    return dataset_path(country).is_file() and built_state(country) == collection_state(country)


def build(country: str | None) -> bool:
    """Rebuild the zip unless it already holds the current state; True if it was written."""
    state = collection_state(country)
    final = dataset_path(country)
    if final.is_file() and built_state(country) == state:
        return False
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{final.name}.{os.getpid()}.partial")
    try:
        write_dataset(partial, country)
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    version = final.with_suffix(".zip.version")
    version.with_name(version.name + ".tmp").write_text(state)
    os.replace(version.with_name(version.name + ".tmp"), version)
    return True
