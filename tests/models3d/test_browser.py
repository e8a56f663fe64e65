"""Headless Chromium opens a 3D model page, waits for <model-viewer> to load the model, checks
that no request leaves the local server, and saves a screenshot."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.urls("tests.models3d.urls_browser")]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]


@pytest.fixture
def browser_settings(settings, tmp_path):
    from twinit_pages.demo.loader import ensure_tree_roots

    ensure_tree_roots()  # a live-server test starts from a flushed database
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.THREED_WORK_DIR = str(tmp_path / "work")
    settings.STATICFILES_FINDERS = [
        "django.contrib.staticfiles.finders.FileSystemFinder",
        "django.contrib.staticfiles.finders.AppDirectoriesFinder",
        "models3d.staticfiles.NodeModulesFinder",
    ]
    return settings


@pytest.mark.skipif(not CHROMIUM, reason="Debian chromium is not installed")
def test_viewer_loads_offline(live_server, browser_settings, django_user_model, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    from django.test import Client

    from models3d.demo_loader import load_demo_models

    model = load_demo_models()["temple-front"]
    admin = django_user_model.objects.create_superuser("viewer", "v@example.org", "pw")
    client = Client()
    client.force_login(admin)
    session = client.cookies["sessionid"].value

    server = urlparse(live_server.url)
    outside, failed = [], []
    shot = Path(os.environ.get("MODELS3D_SCREENSHOT", tmp_path / "models3d-viewer.png"))
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        context.add_cookies([{"name": "sessionid", "value": session, "domain": server.hostname,
                              "path": "/"}])
        page = context.new_page()

        def on_request(request):
            url = urlparse(request.url)
            if url.scheme in ("http", "https", "ws", "wss") and url.netloc != server.netloc:
                outside.append(request.url)

        page.on("request", on_request)
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.goto(f"{live_server.url}/block/temple-front/{model.pk}/")
        page.wait_for_function(
            "() => { const mv = document.querySelector('model-viewer');"
            " return mv && mv.loaded && mv.modelIsVisible; }", timeout=180_000)
        page.wait_for_timeout(1500)
        hotspots = page.locator(".models3d-hotspot").count()
        page.screenshot(path=str(shot))
        browser.close()
    assert outside == [], f"requests left the local server: {outside}"
    assert failed == []
    assert hotspots == 2
    assert shot.stat().st_size > 10_000

