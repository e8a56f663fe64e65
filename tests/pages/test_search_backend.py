"""Search that scales: PostgreSQL full text with each language's configuration, a GIN index,
and trigram indexes. CI runs the suite on PostgreSQL, where these apply; on SQLite the
project uses Wagtail's SQLite backend and only the configuration table is checked."""

import pytest
from django.db import connection
from wagtail.models import Locale

from twinit_pages.models import HeritageAssetPage
from twinit_pages.search_backend import config_for

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL backend runs on PostgreSQL (CI)")


def test_each_language_has_its_text_search_configuration():
    assert config_for("fr") == "french"
    assert config_for("de") == "german"
    assert config_for("ga") == "irish"
    assert config_for("pt-br") == "portuguese"
    for language in ("et", "lv", "pl", "bg", "mt", "hr", "cs", "sk", "sl"):
        assert config_for(language) == "simple"  # no PostgreSQL stemmer: exact words
    assert config_for(None) == "simple"


def titles(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return [str(result.title) for result in response.context["results"]]


@postgres_only
def test_stemming_follows_the_page_language(client, demo_site):
    tallinn = HeritageAssetPage.objects.get(slug="tallinn-town-hall", locale__language_code="en")
    french = tallinn.copy_for_translation(Locale.objects.get(language_code="fr"),
                                          copy_parents=True)
    french.title = "Hôtel de ville de Tallinn"
    french.summary = "Les voûtes gothiques et les églises voisines numérisées en 3D."
    french.save_revision().publish()

    assert "Hôtel de ville de Tallinn" in titles(client, "fr", "église")  # French stemmer
    assert "Tallinn Town Hall" in titles(client, "en", "halls")  # English stemmer
    assert titles(client, "en", "église") == []  # a reader's search stays in their language


@postgres_only
def test_the_index_table_has_gin_and_trigram_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes "
                       "WHERE tablename = 'wagtailsearch_indexentry'")
        indexes = dict(cursor.fetchall())
    assert "USING gin (((title || body)))" in indexes["twinit_search_vector_gin"]
    assert "gin_trgm_ops" in indexes["twinit_search_title_trgm"]
