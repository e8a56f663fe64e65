"""Configuration mistakes, found and explained in plain words (``manage.py doctor``).

Each check returns a list of findings: (level, message). ``problem`` means the site is broken or
unsafe as configured; ``advice`` means it works but something will hurt later.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import health

PROBLEM, ADVICE = "problem", "advice"


def configuration():
    found = []
    if settings.DEBUG:
        found.append((PROBLEM, "DEBUG is on: visitors would see tracebacks with settings and code. "
                               "Use cms.settings.production on a public site."))
    if len(settings.SECRET_KEY) < 40 or "not-secret" in settings.SECRET_KEY:
        found.append((PROBLEM, "SECRET_KEY is short or a known development value: sessions and "
                               "password-reset links could be forged. Set a long random SECRET_KEY."))
    if not settings.ALLOWED_HOSTS:
        found.append((PROBLEM, "ALLOWED_HOSTS is empty: every request will answer 400. Set it to "
                               "the site's host name(s)."))
    if "localhost" in settings.WAGTAILADMIN_BASE_URL and not settings.DEBUG:
        found.append((ADVICE, "WAGTAILADMIN_BASE_URL points to localhost: links in e-mails and "
                              "exported URIs (EDM, API) will not work for others."))
    if not settings.ADMINS:
        found.append((ADVICE, "ADMINS is empty: nobody is e-mailed when a page fails with an "
                              "error. Set ADMINS (\"Name <address>, …\")."))
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and not settings.DEBUG:
        found.append((ADVICE, "The database is SQLite: fine for a trial, but use PostgreSQL "
                              "(DATABASE_URL) for several editors and gunicorn workers."))
    backend = settings.CACHES["default"]["BACKEND"]
    if "locmem" in backend and not settings.DEBUG:
        found.append((ADVICE, "The cache is in process memory: each gunicorn worker counts rate "
                              "limits and login failures on its own. Set REDIS_URL."))
    return found


def services():
    found = []
    for check in health.run_all():
        if not check.ok:
            found.append((PROBLEM, f"{check.name.capitalize()}: {check.detail}."))
    return found


def migrations():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        return []  # the database check already says it cannot be reached
    if pending:
        return [(PROBLEM, f"{len(pending)} database migration(s) have not been applied: run "
                          "`manage.py migrate`.")]
    return []


def static_files():
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in storage and not (Path(settings.STATIC_ROOT) / "staticfiles.json").is_file():
        return [(PROBLEM, f"Static files have not been collected into {settings.STATIC_ROOT}: every "
                          "page will fail. Run `manage.py collectstatic --no-input`.")]
    return []


def disk_space():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return [(PROBLEM, f"MEDIA_ROOT ({root}) does not exist: uploads will fail.")]
    free = shutil.disk_usage(root).free
    limit = settings.THREED_MAX_UPLOAD_BYTES
    if free < 3 * limit:
        return [(PROBLEM if free < limit else ADVICE,
                 f"Only {free / 1024**3:.1f} GB free where uploads are stored: one 3D upload can "
                 f"take {limit / 1024**3:.1f} GB (and its derivatives more). Free space.")]
    return []


def background_worker():
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return []
    try:
        waiting = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, run_after__lt=timezone.now() - timedelta(minutes=5)
        ).count()
    except Exception:
        return []
    if waiting:
        return [(PROBLEM, f"{waiting} background task(s) have waited more than 5 minutes: is "
                          "`manage.py db_worker` running? 3D models stay \"queued\" without it.")]
    return []


def stuck_models():
    from models3d.models import ThreeDModel

    try:
        failed = ThreeDModel.objects.filter(status=ThreeDModel.Status.FAILED).count()
    except Exception:
        return []
    if failed:
        return [(ADVICE, f"{failed} 3D model(s) failed processing: see the 3D models list "
                         "(status “Failed”) for the reasons and the Retry button.")]
    return []


def collection_entries():
    """The explorer and the search read collection entries, kept by the page signals: a bulk
    load or a restored old dump can leave them out of step with what is published."""
    from twinit_pages.models import CollectionEntry, HeritageAssetPage

    try:
        entries = CollectionEntry.objects.count()
        live = HeritageAssetPage.objects.live().public().count()
    except Exception:
        return []
    if entries != live:
        return [(PROBLEM, f"The collection explorer and the search list {entries} asset page(s) "
                          f"but {live} are published: run `manage.py refresh_collection`.")]
    return []


# disk_space before services: the media check's test write would create a missing MEDIA_ROOT.
CHECKS = (configuration, disk_space, services, migrations, static_files, background_worker,
          stuck_models, collection_entries)


def diagnose():
    found = []
    for check in CHECKS:
        found += check()
    return found
