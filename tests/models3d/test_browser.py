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



# --- derivatives by screen, hotspots and tours ---------------------------------------------------

VIEW = """() => { const mv = document.querySelector('model-viewer');
  const o = mv.getCameraOrbit(), t = mv.getCameraTarget();
  return {theta: o.theta * 180 / Math.PI, phi: o.phi * 180 / Math.PI, radius: o.radius,
          target: [t.x, t.y, t.z], src: mv.src,
          quality: document.querySelector('[data-models3d-figure]').dataset.models3dQuality}; }"""
# Records every camera position model-viewer reports, to tell a jump from an animation.
RECORD = """() => { const mv = document.querySelector('model-viewer'); window.thetas = [];
  mv.addEventListener('camera-change', () => window.thetas.push(
    mv.getCameraOrbit().theta * 180 / Math.PI)); }"""
AT = """([theta, phi, target]) => { const mv = document.querySelector('model-viewer');
  const o = mv.getCameraOrbit(), t = mv.getCameraTarget();
  return Math.abs(o.theta * 180 / Math.PI - theta) < 0.5
      && Math.abs(o.phi * 180 / Math.PI - phi) < 0.5
      && Math.hypot(t.x - target[0], t.y - target[1], t.z - target[2]) < 0.01; }"""
LOADED = ("() => { const mv = document.querySelector('model-viewer');"
          " return mv && mv.loaded && mv.modelIsVisible; }")


def _open(browser, url, **context_options):
    context = browser.new_context(reduced_motion="reduce", **context_options)
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if "://localhost" not in r.url
            and "://127.0.0.1" not in r.url and not r.url.startswith("data:") else None)
    page.goto(url)
    page.wait_for_function(LOADED, timeout=180_000)
    return page, outside


@pytest.mark.skipif(not CHROMIUM, reason="Debian chromium is not installed")
def test_phone_gets_mobile_desktop_gets_web_and_hotspots_move_the_camera_by_keyboard(
        live_server, browser_settings, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    from models3d.demo import ANNOTATIONS
    from models3d.demo_loader import load_demo_models

    model = load_demo_models()["temple-front"]
    url = f"{live_server.url}/block/temple-front/{model.pk}/"
    pediment, stylobate = ANNOTATIONS["temple-front"]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        # A phone: the mobile derivative first, full quality one click away.
        phone, outside = _open(browser, url, viewport={"width": 390, "height": 844},
                               is_mobile=True, has_touch=True, device_scale_factor=1)
        view = phone.evaluate(VIEW)
        assert view["quality"] == "mobile" and view["src"].endswith(model.mobile_file.url)
        full = phone.get_by_role("button", name="Load full quality")
        assert full.is_visible()
        phone.screenshot(path=str(tmp_path / "viewer-390.png"), full_page=True)
        full.click()
        phone.wait_for_function(
            "(url) => document.querySelector('model-viewer').src.endsWith(url)",
            arg=model.web_file.url)
        phone.wait_for_function(LOADED, timeout=180_000)
        assert phone.evaluate(VIEW)["quality"] == "web" and not full.is_visible()
        assert outside == []

        # A desktop: the web derivative; hotspots and the tour work from the keyboard and,
        # with reduced motion emulated, the camera jumps straight to the saved view.
        desk, outside = _open(browser, url, viewport={"width": 1280, "height": 900})
        before = desk.evaluate(VIEW)
        assert before["quality"] == "web" and before["src"].endswith(model.web_file.url)
        assert not desk.get_by_role("button", name="Load full quality").is_visible()
        first = desk.locator(".models3d-hotspot").first
        theta, phi = (float(x.rstrip("deg")) for x in pediment["camera_orbit"].split()[:2])
        pediment_at, stylobate_at = ([float(x) for x in a["camera_target"].split()]
                                     for a in (pediment, stylobate))
        desk.evaluate(RECORD)
        first.focus()
        desk.keyboard.press("Enter")
        desk.wait_for_function(AT, arg=[theta, phi, pediment_at], timeout=10_000)
        after = desk.evaluate(VIEW)
        # Reduced motion: the camera jumped; no position between the old view and the new one.
        between = [t for t in desk.evaluate("window.thetas")
                   if abs(t - before["theta"]) > 0.5 and abs(t - theta) > 0.5]
        assert between == []
        assert (after["theta"], after["phi"]) != (before["theta"], before["phi"])
        assert first.get_attribute("aria-current") == "true"

        desk.locator(".models3d-hotspot").nth(1).focus()
        desk.keyboard.press("Space")
        desk.wait_for_function(AT, arg=[35, 85, stylobate_at], timeout=10_000)

        # The tour: keyboard only, each stop announced as text.
        desk.get_by_role("button", name="Start the tour").focus()
        desk.keyboard.press("Enter")
        status = desk.locator("[data-models3d-status]")
        assert status.text_content().startswith("Stop 1 of 2: Pediment")
        assert pediment["text"] in status.text_content()
        desk.wait_for_function(AT, arg=[theta, phi, pediment_at], timeout=10_000)
        desk.keyboard.press("Enter")  # focus moved to "Next stop"
        assert status.text_content().startswith("Stop 2 of 2: Stylobate")
        desk.wait_for_function(AT, arg=[35, 85, stylobate_at], timeout=10_000)
        desk.screenshot(path=str(tmp_path / "viewer-1280.png"), full_page=True)
        assert desk.locator("[data-models3d-download-web]").is_visible()
        assert outside == []
        browser.close()
    shots = os.environ.get("MODELS3D_SCREENSHOT_DIR")
    if shots:
        for name in ("viewer-390.png", "viewer-1280.png"):
            shutil.copy(tmp_path / name, Path(shots) / name)


@pytest.mark.skipif(not CHROMIUM, reason="Debian chromium is not installed")
def test_editor_places_an_annotation_by_clicking_the_model_and_stores_the_view(
        live_server, browser_settings, django_user_model, tmp_path):
    """An editor authors on the model itself: a click on the surface adds an annotation with
    its position and normal, a button stores the current view; saving keeps both."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from django.test import Client

    from tests.conftest import load_demo_site
    from twinit_pages.models import HeritageAssetPage

    # One explicit "Save draft": the live server shares one SQLite connection between threads,
    # which Wagtail's background autosave would use at the same moment.
    browser_settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    load_demo_site()
    page_obj = next(p for p in HeritageAssetPage.objects.order_by("pk") if p.models_3d)
    annotations_before = len(page_obj.models_3d[0].value["annotations"])
    admin = django_user_model.objects.create_superuser("author", "a@example.org", "pw")
    client = Client()
    client.force_login(admin)
    server = urlparse(live_server.url)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "domain": server.hostname, "path": "/"}])
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/pages/{page_obj.pk}/edit/")
        opener = page.get_by_role("button", name="Open the model to place annotations").first
        opener.scroll_into_view_if_needed()
        opener.click()
        viewer = page.locator("[data-author-viewer]").first
        page.wait_for_function(
            "() => { const mv = document.querySelector('[data-author-viewer]');"
            " return mv && mv.loaded && mv.modelIsVisible; }", timeout=180_000)
        viewer.scroll_into_view_if_needed()
        box = viewer.bounding_box()
        page.screenshot(path=str(tmp_path / "author-before.png"))
        status = page.locator("[data-author-status]").first
        # Click where the model is: the preview frames it, so one of these points is on it.
        for fx, fy in ((0.5, 0.5), (0.5, 0.6), (0.5, 0.4), (0.45, 0.55), (0.55, 0.45)):
            page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            if "Annotation added" in status.text_content():
                break
        status = status.text_content()
        assert "Annotation added" in status, (status, page.evaluate(
            "() => Array.from(document.querySelectorAll('input[name*=annotations]'))"
            ".map(i => i.name).slice(0, 8)"))
        position = page.locator('input[name$="-value-position"]').nth(annotations_before)
        pos_value = position.input_value()
        assert len(pos_value.split()) == 3
        item = position.get_attribute("name").removesuffix("-position")
        normal = page.locator(f'input[name="{item}-normal"]').input_value()
        assert len(normal.split()) == 3
        page.locator(f'input[name="{item}-label"]').fill("Clicked point")
        page.get_by_role("button", name="Use this view as the initial view").first.click()
        orbit = page.locator('input[name$="-value-camera_orbit"]').first.input_value()
        assert orbit.endswith("m") and "deg" in orbit
        page.screenshot(path=str(tmp_path / "author-1280.png"), full_page=False)
        with page.expect_navigation(timeout=120_000):
            page.get_by_role("button", name="Save draft").click()
        errors = page.locator(".messages .error, .error-message").all_text_contents()
        assert errors == [], errors
        browser.close()
    latest = HeritageAssetPage.objects.get(pk=page_obj.pk).get_latest_revision_as_object()
    block = latest.models_3d[0].value
    added = block["annotations"][annotations_before]
    assert added["label"] == "Clicked point"
    assert added["position"] == pos_value
    assert len(added["normal"].split()) == 3 and added["camera_orbit"]
    assert block["camera_orbit"] == orbit
    shots = os.environ.get("MODELS3D_SCREENSHOT_DIR")
    if shots:
        shutil.copy(tmp_path / "author-1280.png", Path(shots) / "author-1280.png")
