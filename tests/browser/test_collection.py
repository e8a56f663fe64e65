"""The public collection in a real browser: explorer, search, languages; axe in en, fr and el."""

import pytest

pytestmark = pytest.mark.browser

CARD_TITLES = "() => [...document.querySelectorAll('.card h3 a')].map(a => a.textContent.trim())"
# The API reference is Redoc's own document with its own outline; the page's outline is ours.
HEADING_LEVELS = (
    "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]"
    ".filter(h => !h.closest('.api-reference')).map(h => Number(h.tagName[1]))"
)
PAGES = {
    "home": "/{lang}/",
    "explorer": "/{lang}/collection/?usage=Maintenance",
    "search": "/{lang}/search/?q=photogrammetry",
    "asset": "/{lang}/estonia/tallinn-town-hall/",
    "map": "/{lang}/map/",
    "reuse": "/{lang}/reuse/",
}


def test_explorer_filters_narrow_and_survive_reload(browser, live_demo):
    page = browser.page
    page.goto(live_demo.url + "/en/")
    page.get_by_role("link", name="Explore the collection").first.click()
    everything = page.evaluate(CARD_TITLES)
    assert len(everything) >= 6
    page.locator(".facet", has_text="Member State").get_by_role("link", name="Estonia").click()
    assert page.evaluate(CARD_TITLES) == ["Tallinn Town Hall"]
    assert "country=EE" in page.url
    page.reload()
    assert page.evaluate(CARD_TITLES) == ["Tallinn Town Hall"]
    page.get_by_role("link", name="Clear all filters").first.click()
    assert sorted(page.evaluate(CARD_TITLES)) == sorted(everything)


def test_search_by_paradata_usage_area_and_country(browser, live_demo):
    page = browser.page
    for query, expected in (("photogrammetry", "Riga Cathedral"),
                            ("Maintenance", "Tallinn Town Hall"), ("Estonia", "Tallinn Town Hall")):
        page.goto(live_demo.url + "/en/")
        page.fill("#site-search", query)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert expected in page.evaluate(CARD_TITLES), query


def test_switcher_on_an_untranslated_page(browser, live_demo):
    page = browser.page
    page.goto(live_demo.url + "/fr/estonia/tallinn-town-hall/")
    assert page.evaluate("() => document.documentElement.lang") == "fr"
    assert page.locator(".untranslated-notice").is_visible()
    page.locator(".language-switcher summary").click()
    links = page.locator(".language-switcher a")
    assert links.count() == 24
    page.get_by_role("link", name="ελληνικά").click()
    assert page.url.endswith("/el/estonia/tallinn-town-hall/")
    assert page.evaluate("() => document.documentElement.lang") == "el"
    assert page.evaluate("() => document.querySelector('main').lang") == "en"


def stopped_by_policy(page):
    """URLs the page's Content-Security-Policy stopped in the browser (nothing left it)."""
    blocked = set()
    page.on("requestfailed", lambda r: r.failure in ("csp", "net::ERR_BLOCKED_BY_CSP")
            and blocked.add(r.url))
    return blocked


@pytest.mark.parametrize("lang", ["en", "fr", "el"])
def test_collection_pages_are_accessible_in_three_languages(browser, live_demo, lang):
    blocked = stopped_by_policy(browser.page)
    for name, url in PAGES.items():
        for width, height in ((1366, 900), (390, 844)):
            browser.page.set_viewport_size({"width": width, "height": height})
            response = browser.page.goto(live_demo.url + url.format(lang=lang))
            assert response.status == 200, url
            browser.page.wait_for_load_state("networkidle")
            levels = browser.page.evaluate(HEADING_LEVELS)
            assert levels[0] == 1 and levels.count(1) == 1, (url, levels)
            for previous, current in zip(levels, levels[1:], strict=False):
                assert current <= previous + 1, (url, levels)
            assert browser.axe_violations() == [], (url, width)
            browser.screenshot(f"collection-{name}-{lang}-{width}.png")
    outside = [url for url in browser.outside if url not in blocked]
    assert outside == [], f"requests left the local server: {outside}"


@pytest.fixture
def located(live_demo):
    from twinit_pages.models import HeritageAssetPage

    return HeritageAssetPage.objects.live().filter(
        locale__language_code="en", latitude__isnull=False).count()


def test_map_shows_every_located_asset_offline(located, browser, live_demo):
    page = browser.page
    page.goto(live_demo.url + "/en/collection/")
    page.get_by_role("link", name="Show on a map").click()
    page.wait_for_selector("#collection-map[data-markers]")
    assert page.get_attribute("#collection-map", "data-markers") == str(located)
    # Country outlines are drawn (no tile server configured) and markers or clusters show.
    assert page.locator("#collection-map path.leaflet-interactive, #collection-map path").count() > 20
    assert page.locator(".map-pin, .marker-cluster").count() >= 1
    page.wait_for_load_state("networkidle")
    assert browser.axe_violations() == []
    browser.screenshot("collection-map-en-1280.png")
    page.goto(live_demo.url + "/en/map/?country=EE")
    page.wait_for_selector("#collection-map[data-markers]")
    assert page.get_attribute("#collection-map", "data-markers") == "1"
    assert browser.outside == [], f"requests left the local server: {browser.outside}"


def test_reuse_page_renders_the_api_reference_without_calling_out(browser, live_demo):
    page = browser.page
    blocked = stopped_by_policy(page)
    page.goto(live_demo.url + "/en/")
    page.get_by_role("link", name="Reuse the data").click()
    page.wait_for_selector("text=List published assets")
    assert page.locator("redoc h1, .api-reference h1").count() >= 1
    page.wait_for_load_state("networkidle")
    assert browser.axe_violations() == []
    browser.screenshot("collection-reuse-en-1280.png")
    # Redoc's maker logo is the only outside address it names; the page's policy stops it
    # in the browser before any request leaves.
    assert [url for url in browser.outside if url not in blocked] == []


def test_asset_page_copies_its_citation_and_offers_more_assets(browser, live_demo):
    page = browser.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(live_demo.url + "/en/estonia/tallinn-town-hall/")
    citation = page.locator("#cite-text").inner_text()
    assert citation.startswith("“Tallinn Town Hall”") and "Licence:" in citation
    page.locator(".copy-button[data-copy='cite-text']").click()
    page.wait_for_function("() => document.querySelector('.copy-status').textContent !== ''")
    assert page.locator(".copy-status").inner_text() == "Copied to the clipboard"
    assert page.evaluate("() => navigator.clipboard.readText()") == citation
    assert "<iframe" in page.locator("#embed-text").inner_text()
    assert page.locator("#related-heading + .cards .card").count() >= 1
    assert browser.axe_violations() == []
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        browser.screenshot(f"collection-asset-reuse-en-{width}.png")
