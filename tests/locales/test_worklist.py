"""The translator's start page and machine drafts."""

import importlib
import re
import sys

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.models import StringTranslation, Translation

from locales.review import start_translation, submit_for_review
from tests.locales.conftest import translate_all_strings
from twinit_pages.models import CampaignHomePage, CampaignPage, HeritageAssetPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def act_on_review(login):
    """The reviewer approves or returns the translation's review in the admin."""

    def post(user, page, action):
        task_state = Page.objects.get(pk=page.pk).current_workflow_state.current_task_state
        response = login(user).post(reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
            {"comment": "Please revise" if action == "reject" else ""})
        assert response.status_code in (200, 302)

    return post


def work_rows(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Translate into French" in body
    return re.findall(r'data-work="(\d+)-(\w+)" data-state="(\w+)"', body), body


def test_start_page_lists_live_sources_missing_in_my_language(users, login):
    rows, body = work_rows(login(users.translator_fr))
    listed = {int(pk): state for pk, language, state in rows}
    assert {language for _pk, language, _state in rows} == {"fr"}
    pages = Page.objects.filter(pk__in=listed).specific()
    assert all(page.live for page in pages)
    kinds = {type(page) for page in pages}
    assert {HeritageAssetPage, CampaignHomePage, CampaignPage} <= kinds
    assert set(listed.values()) == {"missing"}
    # Newest first.
    published = [Page.objects.get(pk=int(pk)).last_published_at for pk, _l, _s in rows]
    assert published == sorted(published, reverse=True)


def test_drafts_are_not_work(users, login, asset, state):
    draft = asset.copy(update_attrs={"slug": "unsubmitted-draft", "title": "Unsubmitted draft",
                                     "live": False})
    rows, body = work_rows(login(users.translator_fr))
    assert str(draft.pk) not in {pk for pk, _l, _s in rows}
    assert "Unsubmitted draft" not in body


def test_returned_and_outdated_translations_are_work(users, login, asset, act_on_review):
    french = start_translation(asset, "fr", users.translator_fr)
    translation = Translation.objects.get(source__object_id=asset.translation_key,
                                          target_locale__language_code="fr")
    translate_all_strings(translation, "FR")
    submit_for_review(translation, users.translator_fr)
    act_on_review(users.editor, french, "reject")
    rows, _body = work_rows(login(users.translator_fr))
    assert (str(asset.pk), "fr", "changes_requested") in rows

    submit_for_review(translation, users.translator_fr)
    act_on_review(users.editor, french, "approve")
    rows, _body = work_rows(login(users.translator_fr))
    assert str(asset.pk) not in {pk for pk, _l, _s in rows}
    # The source changes after approval: the translation is outdated.
    asset.summary = "A new summary the translator has not seen."
    asset.save_revision().publish()
    rows, _body = work_rows(login(users.translator_fr))
    assert (str(asset.pk), "fr", "outdated") in rows


def test_other_roles_get_no_translation_panel(users, login):
    body = login(users.ee_coordinator).get(reverse("wagtailadmin_home")).content.decode()
    assert "Translate into" not in body


def test_no_machine_translator_in_development(monkeypatch):
    sys.modules.pop("cms.settings.dev", None)
    dev = importlib.import_module("cms.settings.dev")
    assert not hasattr(dev, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")
    sys.modules.pop("cms.settings.dev", None)


def test_machine_draft_is_marked_and_skips_names_measurements_identifiers(
    users, login, asset, monkeypatch
):
    asset = asset.specific
    asset.credit_line = "Tallinn City Museum, photo Mari Maasikas"
    asset.accuracy = "0.5 mm"
    asset.save_revision().publish()
    sent = []
    original = DummyTranslator.translate

    def recording(self, source_locale, target_locale, strings):
        sent.extend(s.data for s in strings)
        return original(self, source_locale, target_locale, strings)

    monkeypatch.setattr(DummyTranslator, "translate", recording)
    start_translation(asset, "fr", users.translator_fr)
    translation = Translation.objects.get(source__object_id=asset.translation_key,
                                          target_locale__language_code="fr")
    client = login(users.translator_fr)
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert response.status_code == 302
    assert asset.title in sent
    for private in (asset.credit_line, asset.accuracy, asset.slug):
        assert private not in sent
    filled = StringTranslation.objects.filter(locale=translation.target_locale,
                                              translation_type="machine")
    assert filled.exists()
    assert all("machine draft — review" in s.get_comment() for s in filled)

    # A person edits (or re-saves to confirm) a string in wagtail-localize's editor: it is theirs.
    string = filled.first()
    segment = translation.source.stringsegment_set.get(string=string.translation_of,
                                                       context=string.context)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(url, data="value=Confirm%C3%A9", content_type=(
        "application/x-www-form-urlencoded"))
    assert response.status_code == 200, response.content
    string.refresh_from_db()
    assert string.translation_type == "manual" and "machine draft" not in string.get_comment()
