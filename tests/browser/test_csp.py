"""With the Content-Security-Policy on, Chromium reports no violation on the home page, on an
asset page while <model-viewer> loads its model, and in the admin page editor."""

import pytest

from models3d.models import ThreeDModel

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.models3d.urls_browser")]


@pytest.fixture
def case(live_demo, settings, django_user_model, _session_media_root):
    """Database work before the browser starts (Playwright's loop forbids the ORM after)."""
    from django.test import Client

    from twinit_pages.models import HeritageAssetPage

    settings.STATICFILES_FINDERS = [
        "django.contrib.staticfiles.finders.FileSystemFinder",
        "django.contrib.staticfiles.finders.AppDirectoriesFinder",
        "models3d.staticfiles.NodeModulesFinder",
    ]
    asset = next(p for p in HeritageAssetPage.objects.live().filter(locale__language_code="en")
                 if any(m.status == ThreeDModel.Status.READY for m in p.three_d_models()))
    model = next(m for m in asset.three_d_models() if m.status == ThreeDModel.Status.READY)
    if (_session_media_root / model.web_file.name).is_file():
        settings.MEDIA_ROOT = _session_media_root  # the demo was loaded earlier in the session
    admin = django_user_model.objects.create_superuser("csp-admin", "csp@example.org", "pw")
    client = Client()
    client.force_login(admin)
    return {"asset_url": asset.url, "asset_pk": asset.pk,
            "session": client.cookies["sessionid"].value}


def test_no_csp_violation_on_home_asset_viewer_and_admin_editor(case, browser, live_demo):
    page = browser.page
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text
            or "Refused to" in m.text else None)

    response = page.goto(f"{live_demo.url}/en/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert browser.axe_violations() is not None  # axe still runs under the policy

    page.goto(f"{live_demo.url}{case['asset_url']}")
    page.wait_for_function(
        "() => { const mv = document.querySelector('model-viewer');"
        " return mv && mv.loaded && mv.modelIsVisible; }", timeout=60_000)
    page.wait_for_timeout(1000)

    page.context.add_cookies([{"name": "sessionid", "value": case["session"], "url": live_demo.url}])
    page.goto(f"{live_demo.url}/admin/pages/{case['asset_pk']}/edit/")
    page.wait_for_selector("#page-edit-form")
    page.wait_for_load_state("networkidle")
    # The editor's own scripts ran: its tabs are interactive.
    tabs = page.locator("[role='tab']")
    assert tabs.count() >= 2
    tabs.nth(1).click()
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    browser.screenshot("csp-admin-editor.png")
    assert violations == [], violations
