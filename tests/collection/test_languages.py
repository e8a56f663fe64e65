"""Every page in every language: switcher, untranslated notice and lang attributes."""

import re

import pytest
from wagtail.models import Locale

from campaign.languages import LANGUAGE_CODES
from twinit_pages.models import CampaignPage, HeritageAssetPage

pytestmark = pytest.mark.django_db


def switcher(body):
    block = body[body.index('class="language-switcher"'):]
    block = block[: block.index("</details>")]
    return dict((code, url) for url, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', block))


@pytest.mark.parametrize("url", ["/fr/", "/et/estonia/tallinn-town-hall/", "/el/about/"])
def test_untranslated_page_reads_in_the_source_under_the_readers_interface(client, demo_site, url):
    language = url.split("/")[1]
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert '<main id="main" tabindex="-1" lang="en">' in body
    assert 'class="untranslated-notice"' in body
    links = switcher(body)
    assert sorted(links) == sorted(LANGUAGE_CODES)
    path = url[len(language) + 1:]
    assert links["de"] == f"/de{path}" and links["en"] == f"/en{path}"
    # Every language it links to answers.
    assert client.get(links["pl"]).status_code == 200
    # Only real translations are announced to search engines as alternates.
    assert re.findall(r'hreflang="([a-z]+)" href="http', body) == ["en"]


def test_translated_page_has_no_notice_and_the_switcher_links_the_translation(client, demo_site):
    fr = Locale.objects.get(language_code="fr")
    about = CampaignPage.objects.get(slug="about", locale__language_code="en")
    home = about.get_parent().specific
    home.copy_for_translation(fr).save_revision().publish()
    translated = about.copy_for_translation(fr)
    translated.title, translated.slug = "À propos", "a-propos"
    translated.save_revision().publish()
    body = client.get("/fr/a-propos/").content.decode()
    assert '<html lang="fr">' in body and "untranslated-notice" not in body
    links = switcher(body)
    assert links["fr"] == "/fr/a-propos/" and links["en"] == "/en/about/"
    # A page that exists in French as a home only is still readable deeper down.
    asset = HeritageAssetPage.objects.get(slug="tallinn-town-hall", locale__language_code="en")
    response = client.get(f"/fr{asset.url[3:]}")
    assert response.status_code == 200 and "untranslated-notice" in response.content.decode()


def test_explorer_and_search_switch_language_keeping_the_query(client, demo_site):
    body = client.get("/el/collection/?country=EE").content.decode()
    assert '<html lang="el">' in body
    assert switcher(body)["fi"] == "/fi/collection/?country=EE"


def test_country_names_and_breadcrumbs_speak_the_readers_language(client, demo_site):
    """Untranslated pages keep their content in English, but the interface around it (the
    breadcrumbs, the country on cards, the home page's list of Member States) is French."""
    asset = client.get("/fr/estonia/tallinn-town-hall/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', asset, re.S).group(0)
    assert "Twin it! 3D pour la culture de l’Europe" in crumbs and ">Estonie<" in crumbs
    assert "Estonia<" not in crumbs
    state = client.get("/fr/estonia/").content.decode()
    assert '<p class="meta"><span>Estonie</span>' in state
    assert '<li aria-current="page">Estonie</li>' in state
    home = client.get("/fr/").content.decode()
    assert '<span class="state-name">Estonie</span>' in home
    assert '<span class="state-name">Estonia</span>' not in home
