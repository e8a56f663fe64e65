"""Playwright driving Debian's Chromium against the live test server.

The browser runs headless with no background networking, so any request that leaves the local
server is the page's own doing and a test can catch it.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import REPO_ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def chromium_path():
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; scripts/install.sh --test installs it")
        pytest.skip("Debian's chromium is not installed (scripts/install.sh --test installs it)")
    return CHROMIUM


@pytest.fixture
def live_demo(live_server, transactional_db):
    """The demo campaign served by the live server (transactional tests start from empty)."""
    from tests.conftest import load_demo_site
    from twinit_pages.models import CampaignHomePage

    if not CampaignHomePage.objects.exists():
        load_demo_site()
    return live_server


class Browser:
    """One Chromium page that records every request leaving the live server."""

    def __init__(self, page, server_url):
        self.page = page
        self.netloc = urlparse(server_url).netloc
        self.outside = []
        self.console_errors = []
        page.on("request", self._on_request)
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(
            f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.console_errors.append(f"{page.url}: {e}"))

    def _on_request(self, request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != self.netloc:
            self.outside.append(request.url)

    def axe_violations(self, impacts=("serious", "critical")):
        # Evaluated through the DevTools protocol, not added as an inline <script>: pages forbid
        # inline scripts (Content-Security-Policy), and the test must not need an exception.
        self.page.evaluate(AXE.read_text())
        result = self.page.evaluate(
            "() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})"
        )
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"] if v["impact"] in impacts
        ]

    def screenshot(self, name):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def browser(chromium_path, live_demo):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        yield Browser(context.new_page(), live_demo.url)
        chromium.close()


def as_path(url):
    return Path(urlparse(url).path)
