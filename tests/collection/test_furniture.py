"""Site furniture: robots.txt, favicon, error pages in the reader's language, footer, reuse page,
and one public base URL for every absolute link."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, settings):
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {settings.WAGTAILADMIN_BASE_URL}/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_favicon_is_served(client, demo_site):
    assert client.get("/favicon.ico").status_code == 301
    assert 'rel="icon"' in client.get("/en/").content.decode()


@pytest.mark.parametrize("debug", [False, True])
def test_not_found_is_designed_and_in_the_readers_language(client, demo_site, settings, debug):
    settings.DEBUG = debug
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="fr">' in body and "Page introuvable" in body
    assert 'href="/fr/collection/"' in body


def test_server_error_page_is_self_contained_and_translated(rf):
    from cms.views import server_error

    response = server_error(rf.get("/de/collection/"))
    assert response.status_code == 500
    assert '<html lang="de">' in response.content.decode()


def test_footer_links_reuse_and_legal_pages(client, demo_site):
    body = client.get("/en/").content.decode()
    for href in ('href="/en/reuse/"', 'href="/en/imprint/"', 'href="/en/privacy/"',
                 'href="/en/accessibility/"', 'href="/sitemap.xml"'):
        assert href in body
    assert client.get("/en/accessibility/").status_code == 200


def test_api_root_lands_on_the_reference_and_the_reuse_page_lists_everything(client, demo_site):
    for url in ("/api/", "/api/v1/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="el")
        assert response.status_code == 302 and response["Location"] == "/el/reuse/#api"
    body = client.get("/en/reuse/").content.decode()
    assert '<redoc spec-url="/api/v1/openapi.json"' in body
    assert 'href="/dataset/ee.zip"' in body and "/oai/" in body and "/embed/" in body
    hackathon = client.get("/en/hackathon/").content.decode()
    assert 'href="/en/reuse/#api"' in hackathon and 'href="/en/reuse/#datasets"' in hackathon


def test_one_base_url_for_pages_api_oai_and_sitemap(client, demo_site):
    with override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8123"):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("127.0.0.1", 8123)
        asset = HeritageAssetPage.objects.get(slug="tallinn-town-hall")
        api = client.get(f"/api/v1/assets/{asset.pk}/").json()
        assert "localhost" not in str(api)
        assert api["url"] == "http://127.0.0.1:8123/en/estonia/tallinn-town-hall/"
        sitemap = client.get("/sitemap-en-assets.xml").content.decode()
        assert "<loc>http://127.0.0.1:8123/en/" in sitemap
        page = client.get(asset.url).content.decode()
        assert 'hreflang="en" href="http://127.0.0.1:8123/en/estonia/tallinn-town-hall/"' in page
        oai = client.get("/oai/", {"verb": "GetRecord", "metadataPrefix": "edm",
                                   "identifier": f"oai:127.0.0.1:{asset.pk}"})
        assert "http://localhost" not in oai.content.decode()


@pytest.mark.parametrize("name", ["browse", "explore"])
def test_the_names_visitors_try_lead_to_the_explorer(client, demo_site, name):
    response = client.get(f"/fr/{name}/", {"country": "EE"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/collection/?country=EE"
    assert client.get(f"/{name}/", follow=True).redirect_chain[-1][0] == "/en/collection/"
