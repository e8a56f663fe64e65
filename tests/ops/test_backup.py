"""`manage.py backup` then `manage.py restore` into a fresh database and media folder: the
restored site serves the same pages and the same model files. It runs on the test run's own
database kind: a SQLite copy, or pg_dump/pg_restore into a new PostgreSQL database."""

import hashlib
import json
import os
import subprocess
import sys

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests.conftest import REPO_ROOT


@pytest.fixture
def fresh_database_url(tmp_path):
    """An empty database of the run's own vendor for the restore, removed afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    admin = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None,
             "password": db["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    yield f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def digest(client, paths):
    out = {}
    for path in paths:
        response = client.get(path)
        out[path] = [response.status_code, hashlib.sha256(response.content).hexdigest()]
    return out


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_serving_the_same_pages(settings, tmp_path,
                                                                      _session_media_root,
                                                                      fresh_database_url):
    from tests.conftest import load_demo_site
    from twinit_pages.models import CampaignHomePage, HeritageAssetPage

    if not CampaignHomePage.objects.exists():
        load_demo_site()

    asset = HeritageAssetPage.objects.live().filter(locale__language_code="en").first()
    model = next(m for m in asset.three_d_models() if m.web_file)
    media = settings.MEDIA_ROOT
    if not (media / model.web_file.name).is_file():
        settings.MEDIA_ROOT = media = _session_media_root
    paths = ["/en/", asset.url, f"/api/v1/assets/{asset.pk}/"]
    before = digest(Client(), paths)
    assert all(status == 200 for status, _ in before.values())

    call_command("backup", str(tmp_path / "backups"), stdout=open(os.devnull, "w"))  # noqa: SIM115
    (folder,) = (tmp_path / "backups").iterdir()
    # pg_dump's custom format on PostgreSQL, a consistent SQLite copy otherwise.
    dump = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert {p.name for p in folder.iterdir()} == {"manifest.json", dump, "media.tar.gz"}

    env = {**os.environ, "DATABASE_URL": fresh_database_url,
           "MEDIA_ROOT": str(tmp_path / "restored-media"), "DJANGO_SETTINGS_MODULE":
           "tests.models3d.worker_settings", "THREED_WORK_DIR": str(tmp_path / "work"),
           "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run([sys.executable, "manage.py", "restore", str(folder)], cwd=REPO_ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    again = subprocess.run([sys.executable, "manage.py", "restore", str(folder)], cwd=REPO_ROOT,
                           env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode != 0 and "not empty" in again.stderr  # never over a live database

    rendered = subprocess.run([sys.executable, "tests/ops/render_pages.py", *paths], cwd=REPO_ROOT,
                              env=env, capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(rendered.stdout.strip().splitlines()[-1]) == before
    restored_glb = tmp_path / "restored-media" / model.web_file.name
    assert restored_glb.read_bytes() == (media / model.web_file.name).read_bytes()
