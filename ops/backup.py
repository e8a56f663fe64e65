"""Backups: the database (pg_dump custom format, or a SQLite copy) and MEDIA_ROOT as a tar.gz,
in one folder with a manifest; restore puts both back into an empty database and media folder.

Dataset zips (MEDIA_ROOT/datasets) are left out: the worker rebuilds them from the content.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

SKIP_MEDIA = ("datasets",)


def _pg_env():
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGHOST": db.get("HOST") or "", "PGPORT": str(db.get("PORT") or ""),
           "PGUSER": db.get("USER") or "", "PGDATABASE": db["NAME"]}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return {k: v for k, v in env.items() if v != ""}


def backup(target_dir: Path) -> Path:
    folder = Path(target_dir) / f"twinit-{timezone.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True)
    if connection.vendor == "postgresql":
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file",
                        str(folder / "database.dump")], env=_pg_env(), check=True)
        database = "database.dump"
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / "database.sqlite3") as target:
            connection.connection.backup(target)
        database = "database.sqlite3"
    else:
        raise RuntimeError(f"Backups of {connection.vendor} databases are not supported.")
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media.is_dir():
            for item in sorted(media.iterdir()):
                if item.name not in SKIP_MEDIA:
                    archive.add(item, arcname=item.name)
    (folder / "manifest.json").write_text(json.dumps({
        "created": timezone.now().isoformat(), "database": database, "vendor": connection.vendor,
        "media": "media.tar.gz",
    }, indent=2))
    return folder


def restore(folder: Path) -> None:
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    if manifest["vendor"] != connection.vendor:
        raise RuntimeError(f"This backup is of a {manifest['vendor']} database; the configured "
                           f"database is {connection.vendor}.")
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if "django_migrations" in tables:
        raise RuntimeError("The configured database is not empty: restore into a new, empty "
                           "database (create it, point DATABASE_URL at it, run restore again).")
    if connection.vendor == "postgresql":
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname",
                        settings.DATABASES["default"]["NAME"], str(folder / manifest["database"])],
                       env=_pg_env(), check=True)
    else:
        connection.ensure_connection()
        with sqlite3.connect(folder / manifest["database"]) as source:
            source.backup(connection.connection)
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / manifest["media"], "r:gz") as archive:
        archive.extractall(media, filter="data")  # no absolute paths, links out, devices
    for skipped in SKIP_MEDIA:
        shutil.rmtree(media / skipped, ignore_errors=True)
