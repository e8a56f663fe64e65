"""``db_worker`` (django-tasks-db) plus crash recovery of 3D processing.

This app is listed before ``django_tasks_db``, so ``manage.py db_worker`` — the command the README
and the systemd unit start — is this one: the same worker, with a side thread that requeues (or
fails, after too many attempts) models whose worker died mid-processing. No extra service.
"""

import threading

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from models3d.recovery import recover_stuck, recovery_loop


class Command(DbWorkerCommand):
    help = DbWorkerCommand.help + " (and requeue 3D models whose worker died)"

    def handle(self, *args, **options):
        recover_stuck()  # at once: a worker restarted after a crash picks its model up again
        stop = threading.Event()
        every = float(settings.THREED_RECOVERY_INTERVAL_SECONDS)
        threading.Thread(target=recovery_loop, args=(stop, every), name="models3d-recovery",
                         daemon=True).start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
