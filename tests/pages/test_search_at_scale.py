"""The site search and its "Did you mean …?" use the same queries at any collection size and
never load the matching asset ids into Python: filtering, facet counts and pagination stay in
SQL, which is what keeps a common word fast at 50,000 assets."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.pages.test_listings_at_scale import add_live_assets
from twinit_pages.collection import PAGE_SIZE

pytestmark = pytest.mark.django_db
ID_LIST = re.compile(r"\bIN \(([\d, ]+)\)")


def search(client, query):
    url = f"/en/search/?q={query}"
    client.get(url)  # warm-up: renditions and caches of the first rendering
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    longest = max((len(ids.split(",")) for q in captured
                   for ids in ID_LIST.findall(q["sql"])), default=0)
    return len(captured), longest, response


@pytest.mark.parametrize("query", ["Zz scale", "Zz scalr"])  # a hit, and a typo to correct
def test_search_queries_do_not_grow_with_the_matches(client, state, query):
    estonia = state("EE")
    add_live_assets(estonia, 4)
    few, _longest, response = search(client, query)
    assert len(response.context["results"]) == 4
    add_live_assets(estonia, PAGE_SIZE + 6, start=4)
    many, longest, response = search(client, query)
    assert many == few
    assert longest <= PAGE_SIZE  # only the shown page's ids ever reach SQL as literals
    assert response.context["results"].paginator.count == PAGE_SIZE + 10
    if query == "Zz scalr":
        assert response.context["corrected_from"] == "Zz scalr"
