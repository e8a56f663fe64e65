"""Background processing that survives crashes.

A worker killed mid-model (``kill -9``, out of memory, a reboot) cannot say so. While it works
it stamps ``heartbeat_at`` every few seconds; any ``db_worker`` (the one restarted in its place,
or another) looks for models "processing" whose heartbeat went silent, removes their work folder
and queues them again, at most ``THREED_MAX_ATTEMPTS`` times, then marks them failed with a
reason a person can act on. A model that takes longer than ``THREED_MAX_PROCESSING_SECONDS`` is
stopped and failed, so one huge upload cannot occupy the worker for ever.
"""

from __future__ import annotations

import logging
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ThreeDModel

logger = logging.getLogger(__name__)

WORK_PREFIX = "twinit3d-model-"


def heartbeat_seconds() -> float:
    return float(settings.THREED_HEARTBEAT_SECONDS)


def silent_after() -> timedelta:
    """A heartbeat older than this means the worker is gone (several missed beats)."""
    return timedelta(seconds=settings.THREED_DEAD_AFTER_SECONDS)


def max_attempts() -> int:
    return int(settings.THREED_MAX_ATTEMPTS)


def max_processing_seconds() -> int:
    return int(settings.THREED_MAX_PROCESSING_SECONDS)


def work_base() -> Path:
    root = settings.THREED_WORK_DIR
    base = Path(root) if root else Path(tempfile.gettempdir())
    base.mkdir(parents=True, exist_ok=True)
    return base


@contextmanager
def work_folder(model_id: int):
    """A temporary folder named after the model, so recovery can find what a dead worker left."""
    with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{model_id}-", dir=work_base()) as work:
        yield Path(work)


def remove_work_folders(model_id: int) -> int:
    removed = 0
    for folder in work_base().glob(f"{WORK_PREFIX}{model_id}-*"):
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


@contextmanager
def heartbeat(model_id: int):
    """Stamp ``heartbeat_at`` from a side thread while the body runs (even inside long C calls)."""
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(heartbeat_seconds()):
                try:
                    ThreeDModel.objects.filter(
                        pk=model_id, status=ThreeDModel.Status.PROCESSING
                    ).update(heartbeat_at=timezone.now())
                except Exception:  # a missed beat is harmless; the next one may succeed
                    logger.warning("Heartbeat for 3D model %s failed", model_id, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"heartbeat-{model_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


class ProcessingTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: int):
    """Raise :class:`ProcessingTimeout` in the body after ``seconds``.

    SIGALRM interrupts Python code and waits on subprocesses (``subprocess.run`` then kills its
    child). Signals need the main thread; elsewhere (the development autoreloader) the limit is
    not enforced and the crash recovery remains the safety net.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ProcessingTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timeout_reason(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return _(
        "Processing took longer than the limit of %(minutes)s minutes and was stopped. Upload a "
        "lighter (decimated) version, or ask an administrator to raise THREED_MAX_PROCESSING_SECONDS."
    ) % {"minutes": minutes}


def gave_up_reason(attempts: int) -> str:
    return _(
        "Processing stopped unexpectedly %(attempts)s times (the server ran out of memory or was "
        "restarted while working on this model). The model may be too large for this server: "
        "upload a lighter version, or ask an administrator to retry it."
    ) % {"attempts": attempts}


def claim(model_id: int) -> ThreeDModel | None:
    """Mark the model processing (one more attempt); None if it was deleted meanwhile."""
    with transaction.atomic():
        model = ThreeDModel.objects.select_for_update().filter(pk=model_id).first()
        if model is None:
            return None
        model.status = ThreeDModel.Status.PROCESSING
        model.attempts += 1
        model.heartbeat_at = timezone.now()
        model.save(update_fields=["status", "attempts", "heartbeat_at"])
    return model


def is_stuck(model: ThreeDModel, now=None) -> bool:
    """Processing, but its worker has not been heard of for a while."""
    now = now or timezone.now()
    return model.status == ThreeDModel.Status.PROCESSING and (
        model.heartbeat_at is None or model.heartbeat_at < now - silent_after())


def requeue(model: ThreeDModel) -> None:
    from .tasks import process_model

    ThreeDModel.objects.filter(pk=model.pk).update(
        status=ThreeDModel.Status.QUEUED, failure_reason="", heartbeat_at=None)
    transaction.on_commit(lambda: process_model.enqueue(model.pk))


def retry(model: ThreeDModel) -> None:
    """A person asked to try again: a fresh set of attempts."""
    ThreeDModel.objects.filter(pk=model.pk).update(attempts=0)
    requeue(model)


class WorkerDied(Exception):
    """Recorded on the task result of a worker that stopped without a word."""


def _forget_dead_task(model_id: int) -> None:
    """The dead worker's task result stays "running" for ever; record it as failed."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path="models3d.tasks.process_model")
    for result in running:
        if (result.args_kwargs or {}).get("args") == [model_id]:
            result.status = TaskResultStatus.FAILED
            result.finished_at = timezone.now()
            result.exception_class_path = f"{WorkerDied.__module__}.{WorkerDied.__qualname__}"
            result.traceback = "The worker running this task stopped without finishing it."
            result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])


def recover_stuck(now=None) -> list[ThreeDModel]:
    """Requeue (or fail, after too many attempts) models whose worker went silent."""
    now = now or timezone.now()
    recovered = []
    with transaction.atomic():
        stuck = ThreeDModel.objects.select_for_update(skip_locked=True).filter(
            status=ThreeDModel.Status.PROCESSING, heartbeat_at__lt=now - silent_after())
        for model in stuck:
            remove_work_folders(model.pk)
            if "django_tasks_db" in settings.INSTALLED_APPS:
                _forget_dead_task(model.pk)
            if model.attempts >= max_attempts():
                model.status = ThreeDModel.Status.FAILED
                model.failure_reason = gave_up_reason(model.attempts)
                model.save(update_fields=["status", "failure_reason"])
                logger.error("3D model %s failed: its worker died %s times", model.pk, model.attempts)
            else:
                logger.warning("3D model %s: its worker went silent; processing it again (attempt %s)",
                               model.pk, model.attempts + 1)
                requeue(model)
            recovered.append(model)
    return recovered


def recovery_loop(stop: threading.Event, every: float = 15) -> None:
    """Run by ``db_worker`` beside its task loop."""
    while not stop.wait(every):
        try:
            close_old_connections()
            recover_stuck()
        except Exception:
            logger.exception("3D processing recovery failed; trying again in %s s", every)
        finally:
            connection.close()
