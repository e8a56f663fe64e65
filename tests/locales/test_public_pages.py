"""Public pages in French, German and Polish show every interface string translated."""

import html as html_lib
import re

import pytest
from django.utils import translation
from wagtail.models import Locale

from locales.extract import extract
from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "de", "pl")


def translate_branch(asset, locale):
    """Live translations of the home, the Member State page and the asset (content stays
    English: only the interface is under test here)."""
    home = asset.get_parent().get_parent().specific
    for page in (home, asset.get_parent().specific, asset):
        existing = page.get_translation_or_none(locale)
        translated = existing.specific if existing else page.copy_for_translation(locale)
        translated.save_revision().publish()
    return asset.get_translation(locale)


def titles(asset):
    return {page.title for page in asset.get_ancestors(inclusive=True)}


def template_messages():
    return [m for m in extract() if not m.msgid_plural and any(
        path.endswith(".html") for path, _line in m.occurrences)]


def as_text_or_attribute(text):
    """A regex finding ``text`` as a whole text node or attribute value."""
    return re.compile(r'[>"]\s*' + re.escape(html_lib.escape(text, quote=False)) + r'\s*[<"]')


MACHINE_READABLE = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)


def assert_fully_translated(english_html, html, language, required=(), content=()):
    """No English interface string is left; every one the English page shows is translated.

    JSON-LD is data for machines (schema.org types such as "Place"), not interface text.
    """
    english_html, html = MACHINE_READABLE.sub("", english_html), MACHINE_READABLE.sub("", html)
    messages = template_messages()
    shown = [m.msgid for m in messages if as_text_or_attribute(m.msgid).search(english_html)]
    assert len(shown) > 5
    with translation.override(language):
        for msgid in [m.msgid for m in messages]:
            translated = translation.gettext(msgid)
            if msgid not in translated and msgid not in content:  # content stays English here
                assert not as_text_or_attribute(msgid).search(html), (language, msgid)
        for msgid in list(required) + ["Skip to main content", "Search the collection"]:
            assert msgid in shown, msgid
            assert as_text_or_attribute(translation.gettext(msgid)).search(html), (language, msgid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_asset_page_interface_is_translated(client, demo_site, language):
    asset = HeritageAssetPage.objects.get(slug="tower-of-belem", locale__language_code="en")
    english = client.get(asset.url).content.decode()
    translated = translate_branch(asset, Locale.objects.get(language_code=language))
    response = client.get(translated.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert_fully_translated(english, html, language, required=(
        "How it was digitised", "Data provider", "Stories", "Reuse", "Capture technique",
        "Elements within the site",
    ), content=titles(asset))
    # Labels of the controlled vocabularies too (heritage type, usage areas, capture technique).
    with translation.override(language):
        for label in (asset.heritage_type_label(), *asset.usage_area_labels()):
            assert html_lib.escape(str(label)) in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_and_member_state_pages_are_translated(client, demo_site, language):
    asset = HeritageAssetPage.objects.get(slug="tower-of-belem", locale__language_code="en")
    translated = translate_branch(asset, Locale.objects.get(language_code=language))
    for english_page, page in (
        (asset.get_parent().get_parent(), translated.get_parent().get_parent()),
        (asset.get_parent(), translated.get_parent()),
    ):
        english = client.get(english_page.url).content.decode()
        html = client.get(page.url).content.decode()
        assert_fully_translated(english, html, language, content=titles(asset))


def test_polish_plural_on_the_home_page(client, demo_site):
    asset = HeritageAssetPage.objects.get(slug="tower-of-belem", locale__language_code="en")
    translated = translate_branch(asset, Locale.objects.get(language_code="pl"))
    html = client.get(translated.get_parent().get_parent().url).content.decode()
    assert "1 obiekt dziedzictwa" in html


def test_search_page_is_translated(client, demo_site):
    html = client.get("/de/search/?q=zzzzzz").content.decode()
    assert "Gefundene Kulturerbe-Objekte: 0" in html
    assert "Kein Kulturerbe-Objekt entspricht diesen Filtern." in html
    assert "Sammlung durchsuchen" in html
