"""The anonymous page cache: readers get cached pages with the right headers; any change to a
page, its translations, its 3D models or the campaign figures shows at once; users and the admin
are never served from it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from models3d.models import ThreeDModel
from tests.publishing import publish_unreviewed
from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.TWINIT_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def fetch(client, url, **params):
    """(response, number of SQL queries it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    return response, len(queries)


def test_readers_get_cached_pages_with_validators(client, state, page_cache):
    estonia = state("EE")
    first, _queries = fetch(client, estonia.url)
    second, queries = fetch(client, estonia.url)
    assert queries == 0
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "must-revalidate" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]
    assert second["ETag"]
    assert client.get(estonia.url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    # Every ?page= is its own entry; any other parameter bypasses the cache.
    assert fetch(client, estonia.url, page="2")[1] > 0
    assert fetch(client, estonia.url, page="2")[1] == 0
    assert fetch(client, estonia.url, utm_source="x")[1] > 0
    assert fetch(client, estonia.url, utm_source="x")[1] > 0


def test_publishing_purges_the_page_its_listing_and_the_campaign_figures(client, state,
                                                                         page_cache):
    estonia = state("EE")
    tallinn = HeritageAssetPage.objects.get(slug="tallinn-town-hall", locale__language_code="en")
    for url in (tallinn.url, estonia.url, "/en/"):
        fetch(client, url)
    tallinn.summary = "A freshly revised summary of the town hall."
    publish_unreviewed(tallinn)
    for url in (tallinn.url, estonia.url):
        assert "freshly revised summary" in client.get(url).content.decode(), url

    riga = HeritageAssetPage.objects.get(slug="riga-cathedral", locale__language_code="en")
    before = client.get("/en/").context["counts"]["assets"]
    riga.unpublish()
    response = client.get("/en/")
    assert response.context["counts"]["assets"] == before - 1
    assert client.get(riga.url).status_code == 404


def test_a_changed_3d_model_purges_the_pages_showing_it(client, page_cache):
    page = next(page for page in HeritageAssetPage.objects.live()
                if page.three_d_models())
    model = page.three_d_models()[0]
    fetch(client, page.url)
    assert fetch(client, page.url)[1] == 0
    ThreeDModel.objects.get(pk=model.pk).save()
    assert fetch(client, page.url)[1] > 0


def test_users_and_the_admin_are_never_served_from_the_cache(client, state, page_cache,
                                                             django_user_model):
    estonia = state("EE")
    fetch(client, estonia.url)
    user = django_user_model.objects.create_superuser("cache-admin", "c@example.org", "pw")
    client.force_login(user)
    response, queries = fetch(client, estonia.url)
    assert queries > 0
    assert "private" in response["Cache-Control"]
    admin = client.get("/admin/")
    assert "no-cache" in admin["Cache-Control"] or "private" in admin["Cache-Control"]
    client.logout()
    assert "private" not in client.get(estonia.url)["Cache-Control"]


def test_writes_are_never_answered_from_the_cache(client, state, page_cache):
    estonia = state("EE")
    fetch(client, estonia.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(estonia.url, {"x": "1"})
    assert len(queries) > 0  # the view ran: a POST never gets the cached page
    assert "public" not in response.get("Cache-Control", "")


def test_api_and_oai_answers_are_cached_and_purged_with_the_pages(client, demo_site,
                                                                  page_cache):
    """Open data under load: a repeated API or OAI-PMH request costs no query, a conditional
    GET is a 304, and publishing or unpublishing anything shows in both at once."""
    import re

    api, oai = "/api/v1/assets/?page_size=100", "/oai/?verb=ListRecords&metadataPrefix=edm"
    riga = HeritageAssetPage.objects.get(slug="riga-cathedral", locale__language_code="en")
    for url in (api, oai):
        first = client.get(url)
        assert first.status_code == 200 and "Riga Cathedral" in first.content.decode()
        second, queries = fetch(client, url)
        assert queries == 0, url
        assert second["ETag"] == first["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    # A cached OAI-PMH answer still states when it was given.
    date = re.compile(r"<responseDate>([^<]+)</responseDate>")
    assert date.search(client.get(oai).content.decode())
    # Another query string is its own entry; errors are never kept.
    assert fetch(client, "/api/v1/assets/?country=EE")[1] > 0
    assert fetch(client, "/api/v1/assets/?country=EE")[1] == 0
    assert client.get("/api/v1/assets/?country=XX").status_code == 400
    assert fetch(client, "/api/v1/assets/?country=XX")[1] > 0

    riga.unpublish()
    for url in (api, oai):
        response, queries = fetch(client, url)
        assert queries > 0, url
        assert "Riga Cathedral" not in response.content.decode() or url == oai
    # OAI-PMH keeps a deleted record's header: the record is now marked deleted.
    assert 'status="deleted"' in client.get(oai).content.decode()
