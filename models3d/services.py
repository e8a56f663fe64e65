"""Django side of ingest: run the one pipeline, then store files and the row atomically.

A refused model raises :class:`~models3d.processing.ModelRejected` before anything is written
to storage or the database; if storing fails half-way, the files already written are removed.
"""

import errno
import logging
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from .models import ThreeDModel
from .processing import Limits, ModelRejected
from .processing.pipeline import IngestResult, check, ingest

logger = logging.getLogger(__name__)


def limits_from_settings() -> Limits:
    return Limits(
        max_upload_bytes=settings.THREED_MAX_UPLOAD_BYTES,
    )


def work_root() -> str | None:
    """Where temporary work happens: never below MEDIA_ROOT, so refusals leave no trace there."""
    root = settings.THREED_WORK_DIR
    if root:
        Path(root).mkdir(parents=True, exist_ok=True)
    return str(root) if root else None


def default_title(name: str) -> str:
    return Path(name).stem.replace("_", " ").replace("-", " ").strip() or name


class _Stored:
    """Files written to storage during one save, removed again if the save fails."""

    def __init__(self):
        self.names: list[tuple] = []

    def save(self, fieldfile, name: str, path: Path) -> None:
        with open(path, "rb") as fh:
            fieldfile.save(name, File(fh), save=False)
        self.names.append((fieldfile.storage, fieldfile.name))

    def rollback(self) -> None:
        for storage, name in self.names:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not remove %s after a failed save", name)


def _apply_result(instance: ThreeDModel, result: IngestResult, stored: _Stored) -> None:
    stem = Path(instance.original_filename or result.display_name).stem or "model"
    info = {}
    for role in ThreeDModel.ROLES:
        derivative = result.derivatives[role]
        stored.save(instance.derivative_file(role), f"{stem}.{role}.glb", derivative.path)
        info[role] = {k: v for k, v in derivative.to_dict().items() if k != "role"}
    instance.derivative_info = info
    instance.master_sha256 = result.master_sha256
    stored.save(instance.thumbnail, f"{stem}.png", result.thumbnail_path)
    instance.apply_analysis(result.analysis.to_dict())
    instance.status = ThreeDModel.Status.READY
    instance.failure_reason = ""
    instance.processed_at = timezone.now()


def ingest_to_model(path: Path | str, *, title: str = "", collection=None, user=None,
                    display_name: str | None = None, description: str = "",
                    rights_uri: str = "", credit_line: str = "") -> ThreeDModel:
    """Validate and fully process ``path`` now, then store it (CLI, demo, tests)."""
    path = Path(path)
    name = display_name or path.name
    with tempfile.TemporaryDirectory(dir=work_root()) as work:
        result = ingest(path, Path(work), limits_from_settings(), name)
        instance = ThreeDModel(
            title=title or default_title(result.main_file.name if path.is_dir() else name),
            description=description,
            original_filename=Path(result.master_path).name if path.is_dir() else name,
            rights_uri=rights_uri, credit_line=credit_line, uploaded_by=user,
        )
        if collection is not None:
            instance.collection = collection
        stored = _Stored()
        try:
            with transaction.atomic():
                stored.save(instance.file, instance.original_filename, result.master_path)
                _apply_result(instance, result, stored)
                instance.save()
        except Exception:
            stored.rollback()
            raise
    return instance


def accept_upload(staged: Path, original_name: str, *, title: str = "", collection=None,
                  user=None, description: str = "", rights_uri: str = "",
                  credit_line: str = "") -> ThreeDModel:
    """Validate an uploaded file now (so a refusal is immediate and leaves nothing), store the
    master, and queue the heavier processing for the ``db_worker``."""
    staged = Path(staged)
    # The pipeline recognises formats by extension: give the staged file the uploaded name.
    with tempfile.TemporaryDirectory(dir=work_root()) as work:
        local = Path(work) / "in" / Path(original_name).name
        local.parent.mkdir()
        shutil.move(str(staged), local)
        prepared = check(local, Path(work) / "check", limits_from_settings(), original_name)
        instance = ThreeDModel(
            title=title or default_title(original_name), description=description,
            original_filename=Path(original_name).name, format=prepared.model.format,
            file_size=local.stat().st_size, rights_uri=rights_uri, credit_line=credit_line,
            uploaded_by=user, status=ThreeDModel.Status.QUEUED,
        )
        if collection is not None:
            instance.collection = collection
        stored = _Stored()
        try:
            with transaction.atomic():
                stored.save(instance.file, instance.original_filename, local)
                instance.save()
        except Exception:
            stored.rollback()
            raise
    from .tasks import process_model

    transaction.on_commit(lambda: process_model.enqueue(instance.pk))
    return instance


def run_processing(model_id: int) -> ThreeDModel | None:
    """Full pipeline on a stored master; the row ends ``ready`` or ``failed`` with a reason.

    Crash-safe (see :mod:`models3d.recovery`): a heartbeat tells other workers this one is alive,
    the work folder carries the model id so a dead worker's leftovers can be removed, and the
    time limit stops a model that would occupy the worker for ever.
    """
    from . import recovery

    instance = recovery.claim(model_id)
    if instance is None:
        return None
    stored = _Stored()
    try:
        with recovery.heartbeat(model_id), recovery.work_folder(model_id) as work, \
                recovery.time_limit(recovery.max_processing_seconds()):
            name = instance.original_filename or Path(instance.file.name).name
            local = work / "in" / name
            local.parent.mkdir()
            with instance.file.open("rb") as src, open(local, "wb") as dst:
                shutil.copyfileobj(src, dst, 8 * 1024 * 1024)
            result = ingest(local, work / "w", limits_from_settings(),
                            instance.original_filename or None)
            old = [f for f in (instance.web_file, instance.mobile_file, instance.ar_file,
                               instance.thumbnail) if f]
            old_names = [(f.storage, f.name) for f in old]
            with transaction.atomic():
                _apply_result(instance, result, stored)
                instance.heartbeat_at = None
                instance.save()
            for storage, old_name in old_names:
                storage.delete(old_name)
    except ModelRejected as exc:
        _fail(instance, stored, exc.message)
    except recovery.ProcessingTimeout:
        logger.error("Processing 3D model %s exceeded the time limit", model_id)
        _fail(instance, stored, recovery.timeout_reason(recovery.max_processing_seconds()))
    except Exception as exc:
        # The details (paths, library messages) go to the log for administrators; the person
        # reading the model's page gets a reason without the server's internals.
        logger.exception("Processing 3D model %s failed", model_id)
        _fail(instance, stored, _server_failure_reason(exc))
    return instance


def _server_failure_reason(exc: Exception) -> str:
    from django.utils.translation import gettext as _

    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("The server ran out of storage space while processing this model. Nothing was "
                 "kept; an administrator has been told. Retry once space has been freed.")
    return _("Processing failed because of an error on the server (%(kind)s). Nothing was kept; "
             "the administrators have the details in the server log. Retry later or ask them.") % {
        "kind": type(exc).__name__}


def _fail(instance: ThreeDModel, stored: _Stored, reason: str) -> None:
    stored.rollback()
    instance.status = ThreeDModel.Status.FAILED
    instance.failure_reason = reason
    instance.heartbeat_at = None
    instance.save(update_fields=["status", "failure_reason", "heartbeat_at"])
