"""Refuse web content disguised as a 3D model.

An HTML/SVG/JavaScript body named ``.obj`` or ``.stl`` can pass the format sniffing (a few ``v``
lines are enough) and would then be stored and offered as a downloadable master, served from
our origin. No 3D format has a reason to contain markup, so any of these tokens refuses the
file: text formats are scanned whole (streamed, about 1 GB/s), binary ones in the first
kilobytes, which is where browsers look when they guess a type.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ModelRejected

MARKUP = re.compile(
    rb"<\s*(?:script|html|!doctype|body|iframe|svg|object|embed|meta|link|img)[\s>/]"
    rb"|<\?xml|javascript\s*:|on(?:load|error|click|mouseover)\s*=",
    re.IGNORECASE,
)
TEXT_FORMATS = {"obj", "gltf", "mtl"}
HEAD_BYTES = 64 * 1024
CHUNK = 4 * 1024 * 1024
OVERLAP = 64


def find_markup(path: Path, whole: bool) -> bytes | None:
    with open(path, "rb") as handle:
        if not whole:
            match = MARKUP.search(handle.read(HEAD_BYTES))
            return match.group(0) if match else None
        tail = b""
        while chunk := handle.read(CHUNK):
            window = tail + chunk
            # Every token needs "<", ":" or "=", which 3D data (numbers, v/vt/f lines) never
            # holds: looking for three bytes is memchr-fast, the regex 30 MB/s at best, and a
            # 1 GB scan OBJ must not spend half a minute here.
            if b"<" in window or b":" in window or b"=" in window:
                match = MARKUP.search(window)
                if match:
                    return match.group(0)
            tail = chunk[-OVERLAP:]
    return None


def refuse_markup(path: Path, fmt: str, display_name: str) -> None:
    textual = fmt in TEXT_FORMATS or (fmt in ("stl", "ply") and _is_text(path))
    found = find_markup(path, whole=textual)
    if found:
        token = found.decode("latin-1").strip()
        raise ModelRejected(
            display_name, f"contains web page or script code ({token!r}), which a 3D model never "
            "does: it may be a disguised web page.",
            "Upload the model exported from your 3D software.", code="disguised_markup",
        )


def _is_text(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(512)
    return b"\x00" not in head and (head[:5].lower() == b"solid" or b"format ascii" in head)
