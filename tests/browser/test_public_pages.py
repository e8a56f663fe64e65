"""The public pages as a reader meets them: presentable, accessible, keyboard-usable, offline."""

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/en/",
    "member-state": "/en/estonia/",
    "asset": "/en/portugal/tower-of-belem/",
    "campaign": "/en/faq/",
}

HEADING_LEVELS = (
    "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]))"
)


def test_public_pages_are_accessible_ordered_and_self_hosted(browser, live_demo):
    """axe finds no serious WCAG 2 AA problem, headings never skip a level, nothing leaves
    the server; a screenshot of each page lands in test-artifacts/ for a person to look at."""
    for name, url in PAGES.items():
        response = browser.page.goto(live_demo.url + url)
        assert response.status == 200, url
        browser.page.wait_for_load_state("networkidle")
        levels = browser.page.evaluate(HEADING_LEVELS)
        assert levels[0] == 1 and levels.count(1) == 1, (url, levels)
        for previous, current in zip(levels, levels[1:], strict=False):
            assert current <= previous + 1, (url, levels)
        assert browser.axe_violations() == [], url
        browser.screenshot(f"page-{name}.png")
    assert browser.outside == [], f"requests left the local server: {browser.outside}"


def test_skip_link_is_the_first_stop_and_focus_is_visible(browser, live_demo):
    browser.page.goto(live_demo.url + PAGES["asset"])
    browser.page.keyboard.press("Tab")
    focused = browser.page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    outline = browser.page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    browser.page.keyboard.press("Enter")
    assert browser.page.evaluate("() => location.hash") == "#main"
