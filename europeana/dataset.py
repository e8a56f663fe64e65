"""The hackathon dataset: web GLBs, thumbnails, JSON-LD, EDM, a CSV and LICENCES, in one zip.

The zip is written entry by entry into a stream (``stream_dataset`` yields bytes), reading the
assets in batches, so memory stays flat however large the collection: the command writes the
stream to a file, the public download view sends it as it is produced.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile

from django.conf import settings
from django.utils import timezone

from . import public
from .bulk import assets_in, batches, records_for
from .edm import record_to_xml

CHUNK = 1024 * 1024
CSV_FIELDS = (
    "id", "title", "language", "country", "heritage_type", "priority_categories", "usage_areas",
    "place_name", "latitude", "longitude", "dating", "start_year", "end_year", "data_provider",
    "rights_uri", "credit_line", "url", "model_count", "web_glb", "thumbnail", "edm", "jsonld",
)


def dataset_name(country=None):
    return f"twinit3d-dataset{'-' + country.lower() if country else ''}.zip"


class _Sink:
    """A write-only stream that hands what it received to the generator."""

    def __init__(self):
        self.chunks = []

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def drain(self):
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def _copy(archive, name, source, sink, *, compress=True):
    """Copy a file-like object into a zip entry, yielding the zip bytes as they are made."""
    info = zipfile.ZipInfo(name, date_time=timezone.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with archive.open(info, "w", force_zip64=True) as entry:
        while True:
            chunk = source.read(CHUNK)
            if not chunk:
                break
            entry.write(chunk)
            data = sink.drain()
            if data:
                yield data
    data = sink.drain()
    if data:
        yield data


def _write(archive, name, data, sink, *, compress=True):
    yield from _copy(archive, name, io.BytesIO(data), sink, compress=compress)


def _open(field_file):
    try:
        return field_file.open("rb")
    except (OSError, ValueError):
        return None


def _thumbnail(page, record):
    for model in record.models:
        if model.thumbnail_file:
            return model.thumbnail_file
    for item in page.gallery_images.all():
        if item.image_id:
            return item.image.file
    return None


def stream_dataset(country=None):
    sink = _Sink()
    rows = tempfile.SpooledTemporaryFile(max_size=1024 * 1024, mode="w+", newline="",
                                         encoding="utf-8")
    licences = tempfile.SpooledTemporaryFile(max_size=1024 * 1024, mode="w+", encoding="utf-8")
    writer = csv.DictWriter(rows, fieldnames=CSV_FIELDS)
    writer.writeheader()
    count = 0
    with zipfile.ZipFile(sink, "w") as archive:
        yield from _write(archive, "README.md", readme(country).encode(), sink)
        for batch in batches(assets_in(country)):
            for page, record in zip(batch, records_for(batch), strict=True):
                count += 1
                folder = f"assets/{record.country or 'XX'}/{record.identifier}"
                edm_name = f"{folder}/edm.xml"
                jsonld_name = f"{folder}/metadata.jsonld"
                yield from _write(archive, edm_name, record_to_xml(record), sink)
                data = public.jsonld(record)
                data["api"] = public.asset_json(record, page, detail=True)
                yield from _write(archive, jsonld_name, json.dumps(
                    data, ensure_ascii=False, indent=2).encode(), sink)
                glb_name = ""
                for index, model in enumerate(record.models, start=1):
                    handle = _open(model.web_file) if model.web_file else None
                    if handle is None:
                        continue
                    name = f"{folder}/model-{index}.glb"
                    with handle:
                        yield from _copy(archive, name, handle, sink, compress=False)
                    glb_name = glb_name or name
                thumb_name = ""
                thumbnail = _thumbnail(page, record)
                handle = _open(thumbnail) if thumbnail else None
                if handle is not None:
                    extension = (thumbnail.name.rsplit(".", 1)[-1] or "jpg").lower()
                    thumb_name = f"{folder}/thumbnail.{extension}"
                    with handle:
                        yield from _copy(archive, thumb_name, handle, sink, compress=False)
                writer.writerow(csv_row(record, page, glb_name, thumb_name, edm_name,
                                        jsonld_name))
                licences.write(licence_entry(record, page))
        rows.seek(0)
        yield from _copy(archive, "metadata/assets.csv", _Encoded(rows), sink)
        licences.seek(0)
        header = io.StringIO(licence_header(count))
        yield from _copy(archive, "LICENCES.md", _Encoded(_Chain(header, licences)), sink)
    rows.close()
    licences.close()
    data = sink.drain()
    if data:
        yield data


class _Chain:
    def __init__(self, *files):
        self.files = list(files)

    def read(self, size=-1):
        while self.files:
            data = self.files[0].read(size)
            if data:
                return data
            self.files.pop(0)
        return ""


class _Encoded:
    """Bytes from a text file."""

    def __init__(self, text_file):
        self.text_file = text_file

    def read(self, size=-1):
        return self.text_file.read(size).encode("utf-8")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell a spreadsheet would run as a formula (``=HYPERLINK(…)``) gets a leading quote,
    as OWASP advises for CSV injection; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_row(record, page, glb, thumbnail, edm_name, jsonld_name):
    return {key: spreadsheet_safe(value) for key, value in _csv_values(
        record, page, glb, thumbnail, edm_name, jsonld_name).items()}


def _csv_values(record, page, glb, thumbnail, edm_name, jsonld_name):
    lat, lon = public.coordinates(record)
    place = public.place_of(record)
    return {
        "id": record.identifier, "title": record.title, "language": record.language,
        "country": record.country, "heritage_type": page.heritage_type,
        "priority_categories": " ".join(page.priority_categories or []),
        "usage_areas": " ".join(page.usage_areas or []),
        "place_name": public.first_in(place.pref_labels, record.language) if place else "",
        "latitude": "" if lat is None else lat, "longitude": "" if lon is None else lon,
        "dating": page.date_display, "start_year": page.start_year, "end_year": page.end_year,
        "data_provider": record.data_provider.value if record.data_provider else "",
        "rights_uri": record.rights_uri, "credit_line": page.credit_line,
        "url": record.is_shown_at, "model_count": len(record.models), "web_glb": glb,
        "thumbnail": thumbnail, "edm": edm_name, "jsonld": jsonld_name,
    }


def licence_header(count):
    return (
        "# Licences and credits\n\n"
        f"{count} assets. Each asset, and each 3D model where it says so, is under the licence "
        "or rights statement below; reuse it under those terms and give the credit shown.\n\n"
    )


def licence_entry(record, page):
    from campaign import choices

    lines = [f"## {record.title} (asset {record.identifier}, {record.country})", ""]
    lines.append(f"- Page: {record.is_shown_at}")
    if record.data_provider:
        lines.append(f"- Data provider: {record.data_provider.value}")
    if record.rights_uri:
        label = choices.label_for(choices.RIGHTS, record.rights_uri)
        lines.append(f"- Rights: {label} <{record.rights_uri}>")
    if page.credit_line:
        lines.append(f"- Credit: {page.credit_line}")
    for index, model in enumerate(record.models, start=1):
        rights = model.rights_uri or record.rights_uri
        label = choices.label_for(choices.RIGHTS, rights) if rights else ""
        credit = model.credit_line or page.credit_line
        lines.append(f"- Model {index}{' (' + model.title + ')' if model.title else ''}: "
                     f"{label} <{rights}>" + (f"; credit: {credit}" if credit else ""))
    return "\n".join(lines) + "\n\n"


def readme(country):
    scope = f"the published assets of {country}" if country else "every published asset"
    return (
        f"# {settings.WAGTAIL_SITE_NAME}: open dataset\n\n"
        f"This archive holds {scope} of the campaign, generated {timezone.now():%Y-%m-%d}.\n\n"
        "- `assets/<country>/<id>/model-N.glb`: web version of each 3D model (glTF 2.0 binary)\n"
        "- `assets/<country>/<id>/thumbnail.*`: a preview image\n"
        "- `assets/<country>/<id>/metadata.jsonld`: schema.org 3DModel and the API record\n"
        "- `assets/<country>/<id>/edm.xml`: Europeana Data Model (RDF/XML)\n"
        "- `metadata/assets.csv`: one row per asset\n"
        "- `LICENCES.md`: the licence and credit line of every asset and model\n\n"
        "The same data is available live from the API (`/api/v1/assets/`, described at "
        "`/api/v1/openapi.json`) and by OAI-PMH (`/oai/`).\n"
    )


def write_dataset(path, country=None):
    with open(path, "wb") as output:
        for data in stream_dataset(country):
            output.write(data)



