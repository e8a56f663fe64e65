"""The public collection in a real browser: explorer, search, languages; axe in en, fr and el."""

import pytest

pytestmark = pytest.mark.browser

CARD_TITLES = "() => [...document.querySelectorAll('.card h3 a')].map(a => a.textContent.trim())"
HEADING_LEVELS = (
    "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]))"
)
PAGES = {
    "home": "/{lang}/",
    "explorer": "/{lang}/collection/?usage=Maintenance",
    "search": "/{lang}/search/?q=photogrammetry",
    "asset": "/{lang}/estonia/tallinn-town-hall/",
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


@pytest.mark.parametrize("lang", ["en", "fr", "el"])
def test_collection_pages_are_accessible_in_three_languages(browser, live_demo, lang):
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
    assert browser.outside == [], f"requests left the local server: {browser.outside}"
