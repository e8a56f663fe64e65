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
    "member-state": "/{lang}/estonia/",
    # The embed is framed by other sites: it speaks the asset's language and has no heading of its
    # own (the framing page has them).
    "embed": "/embed/{tallinn}/",
}
FRAMED = ("embed",)


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


@pytest.fixture
def tallinn(live_demo):
    """The Tallinn Town Hall asset page (read before the browser starts: the ORM is sync-only)."""
    from twinit_pages.models import HeritageAssetPage

    return HeritageAssetPage.objects.get(slug="tallinn-town-hall", locale__language_code="en")


@pytest.mark.parametrize("lang", ["en", "fr", "el"])
def test_collection_pages_are_accessible_in_three_languages(tallinn, browser, live_demo, lang):
    blocked = stopped_by_policy(browser.page)
    for name, url in PAGES.items():
        for width, height in ((1366, 900), (390, 844)):
            browser.page.set_viewport_size({"width": width, "height": height})
            response = browser.page.goto(live_demo.url + url.format(lang=lang, tallinn=tallinn.pk))
            assert response.status == 200, url
            browser.page.wait_for_load_state("networkidle")
            if name not in FRAMED:
                levels = browser.page.evaluate(HEADING_LEVELS)
                assert levels[0] == 1 and levels.count(1) == 1, (url, levels)
                for previous, current in zip(levels, levels[1:], strict=False):
                    assert current <= previous + 1, (url, levels)
            assert browser.axe_violations() == [], (url, width)
            browser.screenshot(f"collection-{name}-{lang}-{width}.png")
    # Nothing asked for elsewhere, nothing the page's policy had to stop. (The console is not
    # checked here: the test server does not serve uploaded media, so posters and models 404.)
    assert browser.outside == [] and blocked == set(), browser.outside


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
    assert page.locator("text=IIIF Presentation 4 (3D) manifest").count() >= 1
    page.wait_for_load_state("networkidle")
    assert browser.axe_violations() == []
    browser.screenshot("collection-reuse-en-1280.png")
    # Redoc names its maker's logo on a CDN; the browser never asks for it (js/redoc-offline.js),
    # so the page's policy has nothing to stop and the console stays clean.
    assert browser.outside == [] and blocked == set()
    assert browser.console_errors == [], "\n".join(browser.console_errors)
    assert page.locator("img[alt='redocly logo']").is_hidden()
    # The IIIF manifest the page names opens, as an IIIF viewer would fetch it.
    manifest = page.locator("#iiif a[href$='/manifest.json']").first.get_attribute("href")
    assert page.evaluate("url => fetch(new URL(url).pathname).then(r => r.json())"
                         ".then(m => m.items[0].type)", manifest) == "Scene"


def test_member_state_page_maps_its_assets_offline(browser, live_demo):
    page = browser.page
    page.goto(live_demo.url + "/en/")
    page.locator(".states").get_by_role("link", name="Estonia").first.click()
    assert page.locator("h1").inner_text() == "Estonia"
    assert "Ministry of Culture" in page.locator(".state-intro").inner_text()
    page.wait_for_selector("#collection-map[data-markers]")
    assert page.get_attribute("#collection-map", "data-markers") == "1"
    assert page.locator("#collection-map path").count() > 20  # country outlines, no tiles
    assert page.locator(".map-pin").count() == 1
    assert page.locator(".card h3 a").all_inner_texts() == ["Tallinn Town Hall"]
    page.wait_for_load_state("networkidle")
    assert browser.axe_violations() == []
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        browser.screenshot(f"collection-member-state-en-{width}.png")
    page.get_by_role("link", name="Explore the assets of Estonia in the collection").click()
    assert "country=EE" in page.url
    assert page.evaluate(CARD_TITLES) == ["Tallinn Town Hall"]
    assert browser.outside == []


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


PLACEHOLDER_ROOM = """() => { const i = document.querySelector('#site-search');
  const s = getComputedStyle(i); const c = document.createElement('canvas').getContext('2d');
  c.font = s.font;
  return [c.measureText(i.placeholder).width,
          i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)]; }"""


@pytest.fixture
def languages():
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES]


def test_search_placeholder_is_whole_in_every_language(languages, browser, live_demo):
    page = browser.page
    cut = []
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        for code in languages:
            page.goto(f"{live_demo.url}/{code}/")
            needed, room = page.evaluate(PLACEHOLDER_ROOM)
            if needed > room:
                cut.append((code, width, round(needed), round(room)))
    assert cut == []
