"""Health of the pieces the site needs: used by ``/healthz`` (for a load balancer or monitoring)
and by ``manage.py doctor`` (for a person), so both say the same thing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return Check("database", False, f"cannot query the database ({type(exc).__name__})")
    return Check("database", True, connection.vendor)


def check_cache() -> Check:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", 10)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:
        return Check("cache", False, f"cannot reach the cache ({type(exc).__name__})")
    return Check("cache", ok, "" if ok else "the cache does not keep what is stored in it")


def check_media() -> Check:
    """Write, read back and remove a small file: a full or read-only disk fails here."""
    name = f"healthz/{uuid.uuid4().hex}.txt"
    try:
        saved = default_storage.save(name, ContentFile(b"ok"))
        try:
            with default_storage.open(saved, "rb") as handle:
                ok = handle.read() == b"ok"
        finally:
            default_storage.delete(saved)
    except Exception as exc:
        return Check("media", False, f"cannot write to media storage ({type(exc).__name__})")
    return Check("media", ok, "" if ok else "media storage returned different bytes")


def run_all() -> list[Check]:
    return [check_database(), check_cache(), check_media()]
