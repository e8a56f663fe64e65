"""Background 3D processing survives crashes: a killed worker's model is processed again by the
same `db_worker` command, attempts are bounded, time is limited, work folders never stay behind."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection

from models3d import recovery
from models3d.models import ThreeDModel

from .conftest import FIXTURES, REPO_ROOT

STL = FIXTURES / "danish_bust_stl/BustManWreath.stl"


def _shared_database(tmp_path):
    """A DATABASE_URL other processes can open, holding this test's (migrated) database."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "shared.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        return f"sqlite:///{path}", lambda: sqlite3.connect(path)
    url = (f"postgres://{settings_dict['USER'] or 'postgres'}@{settings_dict['HOST'] or '127.0.0.1'}:"
           f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")
    return url, None


def _state(open_sqlite, pk):
    if open_sqlite:
        with open_sqlite() as db:
            row = db.execute("SELECT status, attempts, failure_reason FROM models3d_threedmodel "
                             "WHERE id = ?", (pk,)).fetchone()
        return row
    model = ThreeDModel.objects.get(pk=pk)
    return model.status, model.attempts, model.failure_reason


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.django_db(transaction=True)
def test_worker_process_group_killed_mid_model_is_retried_by_the_same_command(tmp_path, fixtures_dir):
    # A transactional test starts from what earlier transactional tests left: Django empties every
    # table after each one, the migrations' root collection included (uploads default to it).
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    database_url, open_sqlite = _shared_database(tmp_path)
    work = tmp_path / "work"
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(tmp_path / "media"),
           "THREED_WORK_DIR": str(work), "DJANGO_SETTINGS_MODULE": "tests.models3d.worker_settings",
           "PYTHONPATH": str(REPO_ROOT)}
    helper = [sys.executable, str(REPO_ROOT / "tests/models3d/worker_helper.py")]
    pk = int(subprocess.run([*helper, "enqueue", str(STL)], env=env, cwd=REPO_ROOT, check=True,
                            capture_output=True, text=True, timeout=120).stdout.split()[-1])

    # A worker in its own process group; the whole group dies with SIGKILL mid-processing.
    first = subprocess.Popen([*helper, "slow-worker"], env=env, cwd=REPO_ROOT,
                             start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: list(work.glob("*/MID-PROCESSING")), 120, "processing to start")
        assert _state(open_sqlite, pk)[:2] == ("processing", 1)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    assert list(work.glob(f"{recovery.WORK_PREFIX}{pk}-*")), "the dead worker left its work folder"

    # The README's command, started again as a process manager would: it picks the model up.
    second = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-startup-delay"],
                              env=env, cwd=REPO_ROOT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: _state(open_sqlite, pk)[0] in ("ready", "failed"), 120, "the retried model")
    finally:
        os.killpg(second.pid, signal.SIGKILL)
        second.wait(timeout=30)
    status, attempts, reason = _state(open_sqlite, pk)
    assert (status, attempts, reason) == ("ready", 2, "")
    assert list(work.iterdir()) == [], "work folders are removed"


# --- the recovery rules, one by one -----------------------------------------------------------


@pytest.fixture
def stuck_model(db, settings, tmp_path):
    settings.THREED_WORK_DIR = str(tmp_path / "work")
    model = ThreeDModel.objects.create(
        title="Stuck", file="models3d/originals/x.stl", status="processing", attempts=1,
        heartbeat_at=timezone.now() - timedelta(minutes=5))
    leftover = recovery.work_base() / f"{recovery.WORK_PREFIX}{model.pk}-abc"
    (leftover / "in").mkdir(parents=True)
    return model, leftover


def test_silent_worker_model_is_requeued_and_its_folder_removed(stuck_model,
                                                                  django_capture_on_commit_callbacks):
    model, leftover = stuck_model
    with django_capture_on_commit_callbacks() as callbacks:
        assert recovery.recover_stuck() == [model]
    model.refresh_from_db()
    assert model.status == "queued" and not leftover.exists() and len(callbacks) == 1


def test_live_worker_model_is_left_alone(stuck_model):
    model, leftover = stuck_model
    ThreeDModel.objects.filter(pk=model.pk).update(heartbeat_at=timezone.now())
    assert recovery.recover_stuck() == []
    model.refresh_from_db()
    assert model.status == "processing" and leftover.exists()


def test_attempts_are_bounded_then_failed_with_a_human_reason(stuck_model, settings):
    model, leftover = stuck_model
    settings.THREED_MAX_ATTEMPTS = 3
    ThreeDModel.objects.filter(pk=model.pk).update(attempts=3)
    recovery.recover_stuck()
    model.refresh_from_db()
    assert model.status == "failed" and not leftover.exists()
    assert "stopped unexpectedly 3 times" in model.failure_reason
    assert "/" not in model.failure_reason  # no server path


def test_processing_longer_than_the_limit_fails_and_cleans_up(db, settings, tmp_path, monkeypatch,
                                                             fixtures_dir):
    from models3d import services

    settings.THREED_WORK_DIR = str(tmp_path / "work")
    settings.THREED_MAX_PROCESSING_SECONDS = 1
    model = services.ingest_to_model(STL)

    def endless(*args, **kwargs):
        subprocess.run(["sleep", "30"], check=True)  # a stuck converter

    monkeypatch.setattr(services, "ingest", endless)
    started = time.monotonic()
    model = services.run_processing(model.pk)
    assert time.monotonic() - started < 20
    assert model.status == "failed" and "longer than the limit" in model.failure_reason
    assert list((tmp_path / "work").iterdir()) == []


def test_server_error_reason_names_no_server_path(db, settings, tmp_path, monkeypatch, fixtures_dir):
    from models3d import services

    model = services.ingest_to_model(STL)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device", "/srv/twinit/media/models3d/web/x.glb")

    monkeypatch.setattr(services, "ingest", disk_full)
    model = services.run_processing(model.pk)
    assert model.status == "failed" and "storage space" in model.failure_reason
    assert "/srv" not in model.failure_reason and "media" not in model.failure_reason


def test_admin_retry_button_requeues_a_failed_model(admin_client, db, django_capture_on_commit_callbacks):
    model = ThreeDModel.objects.create(title="Broken", file="models3d/originals/x.stl",
                                       status="failed", attempts=3, failure_reason="It broke.")
    listing = admin_client.get(reverse("models3d:index") + "?status=failed")
    assert reverse("models3d:retry", args=[model.pk]) in listing.content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(reverse("models3d:retry", args=[model.pk]))
    assert response.status_code == 302
    model.refresh_from_db()
    assert (model.status, model.attempts, model.failure_reason) == ("queued", 0, "")
    assert len(callbacks) == 1


def test_retry_refused_without_change_permission(client, django_user_model, db):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    model = ThreeDModel.objects.create(title="Broken", file="models3d/originals/x.stl",
                                       status="failed", attempts=3, failure_reason="It broke.")
    assert client.post(reverse("models3d:retry", args=[model.pk])).status_code in (302, 403, 404)
    model.refresh_from_db()
    assert (model.status, model.attempts) == ("failed", 3)
    assert client.get(reverse("models3d:retry", args=[model.pk])).status_code in (302, 403, 404, 405)
