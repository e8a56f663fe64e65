"""The page explorer lists a Member State's assets with the same queries at any size, and its
row buttons are exactly wagtail-localize's own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.wagtail_hooks import page_listing_more_buttons

from tests.pages.test_listings_at_scale import add_live_assets
from twinit_pages.explorer import annotate, listing_buttons
from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("explorer-admin", "e@example.org", "pw")


def test_row_buttons_equal_wagtail_localizes(campaign, admin_user):
    tallinn = HeritageAssetPage.objects.get(slug="tallinn-town-hall", locale__language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(tallinn)
    Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="de"),
                               enabled=True)

    def described(buttons):
        return [(str(button.label), button.url) for button in buttons]

    pages = list(annotate(Page.objects.filter(depth__gt=1).order_by("path")))
    assert any(page._twinit_source for page in pages)  # the sync button is exercised
    for page in pages:
        plain = Page.objects.get(pk=page.pk)
        assert described(listing_buttons(page, admin_user, next_url="/back/")) == described(
            page_listing_more_buttons(plain, admin_user, next_url="/back/")), page.title


def test_explorer_queries_do_not_grow_with_rows(client, state, admin_user):
    estonia = state("EE")
    client.force_login(admin_user)
    url = f"/admin/pages/{estonia.pk}/"

    def queries():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    few, _html = queries()
    add_live_assets(estonia, 30)
    many, html = queries()
    assert many == few
    assert html.count("Translate this page") >= 30
