"""Settings for the crash-recovery test's real ``db_worker`` processes: the test settings with the
database queue (not the inline backend) and short recovery timings so the test runs in seconds."""

import os

import dj_database_url

from cms.settings.test import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
MEDIA_ROOT = os.environ["MEDIA_ROOT"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
THREED_WORK_DIR = os.environ["THREED_WORK_DIR"]
THREED_HEARTBEAT_SECONDS = 0.5
THREED_DEAD_AFTER_SECONDS = 3
THREED_RECOVERY_INTERVAL_SECONDS = 1
