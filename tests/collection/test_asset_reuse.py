"""The asset page's reuse tools: cite, embed, share, and the ways on to other assets."""

import html
import re

import pytest

from europeana.embed import embed_url
from twinit_pages import reuse
from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db


def section(body, heading_id, end="</section>"):
    """What follows a heading up to ``end``."""
    match = re.search(rf'id="{heading_id}"(.*?){end}', body, re.S)
    assert match, heading_id
    return match.group(1)


def card_titles(fragment):
    return [html.unescape(t) for t in re.findall(r'<h3><a href="[^"]+"[^>]*>([^<]+)</a>', fragment)]


def test_citation_names_title_author_source_and_licence(demo_site):
    page = HeritageAssetPage.objects.live().get(slug="tallinn-town-hall", locale__language_code="en")
    page.credit_line = "Tallinn City Museum"
    text = reuse.citation(page, "https://example.org/en/ee/tallinn-town-hall/")
    assert text.startswith(f"“{page.title}” by Tallinn City Museum, https://example.org/en/ee/")
    assert page.rights_uri and page.rights_uri in text and str(page.rights_label()) in text
    page.credit_line, page.institution = "", None
    assert reuse.citation(page, "u").startswith(f"“{page.title}”, u")


def test_asset_page_offers_cite_embed_share_as_text_without_script(client, demo_site):
    page = HeritageAssetPage.objects.live().get(slug="tallinn-town-hall", locale__language_code="en")
    response = client.get(page.url)
    body = response.content.decode()
    cite = html.unescape(section(body, "cite-heading", "</button>"))
    assert page.title in cite and str(page.rights_label()) in cite
    embed = html.unescape(section(body, "embed-heading", "</button>"))
    assert f'<iframe src="{embed_url(page.pk)}"' in embed
    # The embed snippet is the same the oEmbed endpoint gives.
    oembed = client.get("/oembed/", {"url": page.full_url}).json()
    assert oembed["html"].replace('width="640" height="480" ', "") in embed.replace(
        'width="640" height="480" ', "")
    share = section(body, "share-heading", "</ul>")
    assert "mailto:?subject=" in share
    # CSP forbids inline script: every script of the page is a file.
    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/ld\+json\"))", body)
    # Copy buttons only appear when the static script finds a clipboard.
    assert 'class="copy-button"' in body and "js/copy.js" in body


def test_more_from_country_and_related_assets_are_other_live_assets(
        client, demo_site, state):
    page = HeritageAssetPage.objects.live().get(slug="tallinn-town-hall", locale__language_code="en")
    body = client.get(page.url).content.decode()
    siblings = set(HeritageAssetPage.objects.child_of(state("EE")).live().exclude(pk=page.pk)
                   .values_list("title", flat=True))
    if siblings:
        more = card_titles(section(body, "more-country-heading"))
        assert more and set(more) <= siblings and page.title not in more
    related = HeritageAssetPage.objects.live().filter(locale__language_code="en").exclude(
        path__startswith=page.get_parent().path)
    expected = {a.title for a in related if a.heritage_type == page.heritage_type
                or set(a.usage_areas) & set(page.usage_areas)}
    assert expected
    shown = card_titles(section(body, "related-heading"))
    assert shown and set(shown) <= expected


def test_asset_page_and_embed_show_one_credit_line(client, demo_site):
    """The model's own credit differs from the asset's; a reader sees the asset's, once."""
    page = HeritageAssetPage.objects.live().get(slug="tallinn-town-hall", locale__language_code="en")
    models = [m for m in page.three_d_models() if m.is_ready]
    assert models and models[0].credit_line and models[0].credit_line != page.credit_line
    body = client.get(page.url).content.decode()
    visible = re.sub(r"<script.*?</script>", "", body, flags=re.S)
    assert re.findall(r"<dt>Credit</dt><dd>([^<]+)</dd>|Credit: ([^<]+)", visible) == [
        (page.credit_line, "")]
    assert models[0].credit_line not in visible
    embed = client.get(f"/embed/{page.pk}/").content.decode()
    assert "Credit:" not in embed and models[0].credit_line not in embed
    assert f"<span>· {page.credit_line}</span>" in embed


def test_without_its_own_credit_the_asset_shows_its_models(client, demo_site):
    from tests.publishing import publish_unreviewed

    page = HeritageAssetPage.objects.live().get(slug="tallinn-town-hall", locale__language_code="en")
    model_credit = next(m.credit_line for m in page.three_d_models() if m.is_ready)
    page.credit_line = ""
    publish_unreviewed(page)
    page = HeritageAssetPage.objects.get(pk=page.pk)
    assert page.public_credit_line == model_credit
    visible = re.sub(r"<script.*?</script>", "", client.get(page.url).content.decode(),
                     flags=re.S)
    assert re.findall(r"<dt>Credit</dt><dd>([^<]+)</dd>|Credit: ([^<]+)", visible) == [
        (model_credit, "")]
