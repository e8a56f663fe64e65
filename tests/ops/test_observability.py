"""A failing request leaves a traceback on stderr naming the request, user and path, and mails
ADMINS; /healthz tells a monitor what is broken; `manage.py doctor` explains mistakes in words."""

import io
import logging

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from ops.doctor import diagnose


@pytest.fixture
def stderr_log():
    handler = next(h for h in logging.getLogger("django").handlers
                   if isinstance(h, logging.StreamHandler) and h.name != "mail_admins"
                   and not hasattr(h, "include_html"))
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


@pytest.mark.django_db
def test_server_error_is_logged_with_request_user_and_path_and_mailed(client, settings, stderr_log,
                                                                     django_user_model):
    settings.ROOT_URLCONF = "tests.ops.urls"
    settings.ADMINS = [("Ops", "ops@twinit.example")]
    client.raise_request_exception = False
    client.force_login(django_user_model.objects.create_user("editor-anna", password="pw"))
    response = client.get("/test-ops/database-down/?q=1", HTTP_X_REQUEST_ID="req-12345678")
    assert response.status_code == 500
    assert response["X-Request-ID"] == "req-12345678"
    log = stderr_log.getvalue()
    assert "[request=req-12345678 user=editor-anna GET /test-ops/database-down/?q=1]" in log
    assert "Traceback" in log and "OperationalError: connection to server" in log
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ops@twinit.example"]


@pytest.mark.django_db
def test_request_id_is_made_when_the_proxy_gives_none_or_garbage(client):
    first = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != client.get("/healthz")["X-Request-ID"]
    assert client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


@pytest.mark.django_db
def test_healthz_checks_database_cache_and_media(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok",
                               "checks": {"database": "ok", "cache": "ok", "media": "ok"}}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_names_broken_media_storage(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["media"].startswith("cannot write to media storage")
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_doctor_explains_mistakes_in_plain_words(settings, tmp_path):
    settings.DEBUG = True
    settings.SECRET_KEY = "dev-only-not-secret"
    settings.ALLOWED_HOSTS = []
    settings.MEDIA_ROOT = tmp_path / "missing"
    out = io.StringIO()
    with pytest.raises(CommandError, match="problem"):
        call_command("doctor", stdout=out)
    text = out.getvalue()
    assert "DEBUG is on" in text and "SECRET_KEY is short" in text
    assert "ALLOWED_HOSTS is empty" in text and "does not exist: uploads will fail" in text


@pytest.mark.django_db
def test_doctor_is_quiet_about_a_sound_configuration(settings, tmp_path):
    settings.DEBUG = False
    settings.SECRET_KEY = "x" * 50
    settings.ALLOWED_HOSTS = ["twinit.example"]
    settings.MEDIA_ROOT = tmp_path
    settings.ADMINS = [("Ops", "ops@twinit.example")]
    settings.WAGTAILADMIN_BASE_URL = "https://twinit.example"
    out = io.StringIO()
    call_command("doctor", stdout=out)
    assert "PROBLEM" not in out.getvalue()


def test_doctor_notices_collection_entries_out_of_step_and_names_the_repair(demo_site):
    from twinit_pages.models import CollectionEntry

    assert not [m for _level, m in diagnose() if "refresh_collection" in m]
    CollectionEntry.objects.filter(pk__in=CollectionEntry.objects.values("pk")[:2]).delete()
    assert any("run `manage.py refresh_collection`" in message for _level, message in diagnose())
    call_command("refresh_collection", stdout=io.StringIO())
    assert not [m for _level, m in diagnose() if "refresh_collection" in m]
