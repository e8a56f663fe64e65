"""Where a resumable upload waits while its chunks arrive: a staging folder outside MEDIA_ROOT.

Each upload is a ``.part`` file (the bytes so far) and a ``.json`` file (announced name and
size), named by an id that starts with the uploader's user id, so nobody can append to or
finish someone else's upload. A slow or interrupted connection resumes where it stopped (the
client asks how much arrived); abandoned uploads are removed after two days. Nothing here knows
about HTTP: the views turn these answers into responses.
"""

import fcntl
import json
import os
import re
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings

_UPLOAD_ID = re.compile(r"^[0-9]+-[0-9a-f]{32}$")
_READ = 256 * 1024
STALE_AFTER_S = 2 * 24 * 3600


class UnknownUpload(Exception):
    """No such upload of this user (never started, finished, purged, or someone else's)."""


class OffsetMismatch(Exception):
    """A chunk for another offset than what arrived: the client continues from ``received``."""

    def __init__(self, received):
        super().__init__(received)
        self.received = received


class TooMuchData(Exception):
    """More bytes than the upload announced; the chunk was not kept."""


def staging_dir() -> Path:
    folder = Path(settings.THREED_UPLOAD_DIR or Path(tempfile.gettempdir()) / "twinit-3d-uploads")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def purge_stale_uploads(max_age_s: int = STALE_AFTER_S) -> None:
    """Abandoned chunked uploads are removed after two days (resume is possible until then)."""
    now = time.time()
    for f in staging_dir().glob("*-*.*"):
        try:
            if now - f.stat().st_mtime > max_age_s:
                f.unlink(missing_ok=True)
        except OSError:
            pass


def new_part(user_pk) -> Path:
    """A fresh staging file for one user's upload."""
    return staging_dir() / f"{user_pk}-{uuid.uuid4().hex}.part"


def start(user_pk, name: str, size: int) -> str:
    """Open an upload of ``size`` announced bytes; its id."""
    purge_stale_uploads()
    part = new_part(user_pk)
    part.touch()
    part.with_suffix(".json").write_text(json.dumps({"name": name, "size": size}))
    return part.stem


def find(user_pk, upload_id: str) -> tuple[Path, dict]:
    """(the bytes so far, {"name", "size"}) of one of the user's own uploads."""
    if not _UPLOAD_ID.match(upload_id or "") or not upload_id.startswith(f"{user_pk}-"):
        raise UnknownUpload(upload_id)
    part = staging_dir() / f"{upload_id}.part"
    meta_path = part.with_suffix(".json")
    if not part.exists() or not meta_path.exists():
        raise UnknownUpload(upload_id)
    return part, json.loads(meta_path.read_text())


def append(part: Path, size: int, offset: int, stream) -> int:
    """Append what ``stream.read`` gives at ``offset``; the number of bytes received.

    One writer at a time: two requests for the same offset (a retry racing the original) must
    not both append, so the size is read again under the lock. Streamed, never read whole:
    chunks are larger than Django's in-memory limit. On an error nothing of the chunk stays.
    """
    with open(part, "ab") as out:
        fcntl.flock(out, fcntl.LOCK_EX)
        received = os.fstat(out.fileno()).st_size
        if offset != received:
            raise OffsetMismatch(received)
        try:
            while data := stream.read(_READ):
                received += len(data)
                if received > size:
                    out.truncate(offset)
                    raise TooMuchData
                out.write(data)
            out.flush()
        except OSError:
            out.truncate(offset)
            raise
    return received


def discard(upload_id: str) -> None:
    for suffix in (".part", ".json"):
        (staging_dir() / f"{upload_id}{suffix}").unlink(missing_ok=True)
