"""Bulk import of 3D models through exactly the same pipeline as an admin upload.

    python manage.py import_model PATH [PATH ...] [--collection NAME] [--title TITLE] [--json]

A PATH may be a model file, a .zip, or a folder: a folder holding one model (with its .bin,
.mtl and textures) is one import; a folder holding several is expanded into one import per
model file or zip. Exits with status 1 if any input failed.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Collection

from models3d.processing import ModelRejected
from models3d.processing.formats import MODEL_EXTENSIONS
from models3d.services import ingest_to_model


def expand(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    models = sorted(p for p in path.rglob("*") if p.is_file()
                    and p.suffix.lower() in (*MODEL_EXTENSIONS, ".zip")
                    and not any(part.startswith(("__MACOSX", ".")) for part in p.parts))
    if len([p for p in models if p.suffix.lower() != ".zip"]) == 1 and not any(
            p.suffix.lower() == ".zip" for p in models):
        return [path]
    return models or [path]


class Command(BaseCommand):
    help = "Import 3D model files, zips or folders into the 3D model library."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--collection", metavar="NAME",
                            help="Collection to import into (created under the root if new).")
        parser.add_argument("--title", help="Title (only with a single input).")
        parser.add_argument("--rights", default="", help="Rights statement URI.")
        parser.add_argument("--credit", default="", help="Credit line.")
        parser.add_argument("--json", action="store_true",
                            help="Print one JSON object per line.")

    def handle(self, *args, **options):
        inputs = [p for raw in options["paths"] for p in expand(Path(raw))]
        if options["title"] and len(inputs) > 1:
            raise CommandError("--title can only be used with a single model.")
        collection = None
        if options["collection"]:
            collection = Collection.objects.filter(name=options["collection"]).first()
            if collection is None:
                collection = Collection.get_first_root_node().add_child(
                    name=options["collection"])
        failures = 0
        for path in inputs:
            row = {"path": str(path), "ok": False, "id": None, "format": None,
                   "vertex_count": None, "triangle_count": None, "point_count": None,
                   "master_sha256": None, "derivatives": [], "error": None}
            try:
                model = ingest_to_model(
                    path, title=options["title"] or "", collection=collection,
                    rights_uri=options["rights"], credit_line=options["credit"],
                )
            except ModelRejected as exc:
                row["error"] = exc.message
            except Exception as exc:  # noqa: BLE001 - one broken input must not stop a bulk run
                row["error"] = f"{type(exc).__name__}: {exc}"
            else:
                row.update(ok=True, id=model.pk, format=model.format,
                           vertex_count=model.vertex_count, triangle_count=model.triangle_count,
                           point_count=model.point_count, master_sha256=model.master_sha256,
                           derivatives=model.derivatives)
            failures += not row["ok"]
            if options["json"]:
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            elif row["ok"]:
                self.stdout.write(self.style.SUCCESS(
                    f"OK    {path} → #{row['id']} {row['format']}, {row['vertex_count']} vertices, "
                    f"{row['triangle_count']} triangles, {row['point_count']} points"))
            else:
                self.stderr.write(f"FAIL  {path}: {row['error']}")
        if failures:
            sys.exit(1)
