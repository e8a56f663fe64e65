"""Run by the crash-recovery test in its own processes (with ``worker_settings``).

``enqueue PATH``: store a master as an upload does and queue its processing.
``slow-worker``: the real ``db_worker`` command, with processing made to pause once the work
folder exists, so the test can kill the process group while a model is mid-processing.
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

import django

django.setup()

from django.core.management import call_command  # noqa: E402


def enqueue(path):
    from models3d.services import accept_upload

    staged = Path(tempfile.mkdtemp()) / Path(path).name
    shutil.copy(path, staged)
    print(accept_upload(staged, staged.name).pk)


def slow_worker():
    from models3d import services

    real_ingest = services.ingest

    def paused_ingest(local, work, *args, **kwargs):
        (Path(work).parent / "MID-PROCESSING").touch()
        time.sleep(600)
        return real_ingest(local, work, *args, **kwargs)

    services.ingest = paused_ingest
    call_command("db_worker", "--no-startup-delay", "--interval", "0.2", "--no-reload")


if __name__ == "__main__":
    if sys.argv[1] == "enqueue":
        enqueue(sys.argv[2])
    else:
        slow_worker()
