"""Translators xx translate into xx only: no source pages, no other language, no publishing."""

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.models import Translation

from campaign import roles
from locales.permissions import grant_translator_permissions
from locales.review import start_translation
from twinit_pages.models import CampaignHomePage, HeritageAssetPage
from workflows.gate import Refused

pytestmark = pytest.mark.django_db


def can_open_editor(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return response.status_code == 200


def test_grant_is_idempotent_and_only_on_the_language_tree(campaign, users, asset):
    start_translation(asset, "fr", users.editor)  # creates the French tree
    assert grant_translator_permissions() == 0  # second run: nothing new
    french_home = CampaignHomePage.objects.get(locale__language_code="fr")
    perms = GroupPagePermission.objects.filter(group__name=roles.translators("fr"))
    assert {(p.page_id, p.permission.codename) for p in perms} == {(french_home.pk, "change_page")}
    assert not GroupPagePermission.objects.filter(
        group__name__startswith="Translators ",
        permission__codename__in=("publish_page", "add_page", "bulk_delete_page"),
    ).exists()
    # A stray grant on the English tree is removed.
    GroupPagePermission.objects.create(
        group=perms[0].group, page=campaign, permission=perms[0].permission
    )
    grant_translator_permissions(["fr"])
    assert not GroupPagePermission.objects.filter(group=perms[0].group, page=campaign).exists()


def test_translator_starts_a_draft_translation_into_their_language_only(
    campaign, users, asset, login
):
    client = login(users.translator_fr)
    response = client.post(reverse("twinit_locales:start", args=[asset.pk, "fr"]))
    french = asset.get_translation(Locale.objects.get(language_code="fr"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[french.pk])
    assert not french.live  # a draft, whatever the source's live status
    # Readers at the French address are served the live source, never the draft translation.
    response = client.get(asset.get_url().replace("/en/", "/fr/"))
    assert response.status_code == 404 or response.context["page"].pk != french.pk
    assert can_open_editor(client, french)

    response = client.post(reverse("twinit_locales:start", args=[asset.pk, "de"]))
    assert response.status_code in (302, 403)
    assert not asset.get_translations().filter(locale__language_code="de").exists()
    # wagtail-localize's own "Translate this page" (any language, published) is refused.
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[asset.pk]),
        {"locales": [Locale.objects.get(language_code="de").pk]},
    )
    assert response.status_code in (302, 403)
    assert not asset.get_translations().filter(locale__language_code="de").exists()


def test_translator_cannot_edit_source_pages_or_other_languages(campaign, users, asset, login):
    start_translation(asset, "de", users.editor)
    german = asset.get_translation(Locale.objects.get(language_code="de"))
    client = login(users.translator_fr)
    assert not can_open_editor(client, asset)  # the English source
    assert not can_open_editor(client, asset.get_parent())
    assert not can_open_editor(client, german)  # another language
    before = asset.get_latest_revision().pk
    client.post(reverse("wagtailadmin_pages:edit", args=[asset.pk]), {"title": "Hacked"})
    asset.refresh_from_db()
    assert asset.title == "Tallinn Town Hall"
    assert asset.get_latest_revision().pk == before
    # And the editing APIs of wagtail-localize refuse the German translation too.
    translation = Translation.objects.get(source__object_id=asset.translation_key,
                                          target_locale__language_code="de")
    assert client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    ).status_code in (302, 403)


def test_translator_cannot_edit_a_source_page_written_in_their_language(
    campaign, users, asset, login
):
    """An Estonian-first asset lives in the Estonian tree: Translators et must not edit it."""
    start_translation(asset, "et", users.editor)  # builds the Estonian tree
    estonian_state = asset.get_parent().get_translation(Locale.objects.get(language_code="et"))
    native = HeritageAssetPage(title="Kiek in de Kök", slug="kiek-in-de-kok")
    estonian_state.add_child(instance=native)
    native.save_revision()
    client = login(users.translator_et)
    assert not can_open_editor(client, native)
    assert can_open_editor(client, asset.get_translation(Locale.objects.get(language_code="et")))


def test_translator_cannot_publish_from_the_translation_editor(
    campaign, users, asset, login, django_capture_on_commit_callbacks
):
    """wagtail-localize's editor publishes on POST action=publish: refused without publish
    permission (crafted POST; the button is not even shown)."""
    french = start_translation(asset, "fr", users.translator_fr)
    client = login(users.translator_fr)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[french.pk])).content.decode()
    assert "data-submit-translation" in page  # our "Submit translation for review" button
    assert '"canPublish": false' in page.replace("&quot;", '"')
    # wagtail-localize publishes in on_commit: run those callbacks so a publish would show.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[french.pk]),
                               {"action": "publish"})
    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=french.pk).live
    # Nor can a Europeana editor, who holds the publish permission: an unreviewed translation
    # does not pass the publication gate (in a real request the refusal becomes a message; here
    # the callbacks run after the request, so it surfaces as the exception).
    client = login(users.editor)
    with pytest.raises(Refused), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtailadmin_pages:edit", args=[french.pk]), {"action": "publish"})
    assert not Page.objects.get(pk=french.pk).live
