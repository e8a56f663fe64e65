"""Translation review: nothing goes live before approval; outdated translations stay public."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale, Page, PageLogEntry, WorkflowState
from wagtail_localize.models import Translation

from locales.coverage import Coverage
from locales.models import TranslationApproval
from locales.review import start_translation
from tests.locales.conftest import translate_all_strings
from tests.publishing import publish_unreviewed

pytestmark = pytest.mark.django_db


def translation_of(page, code):
    return Translation.objects.get(source__object_id=page.translation_key,
                                   target_locale__language_code=code)


def submit(client, translation):
    return client.post(reverse("twinit_locales:submit", args=[translation.pk]))


def act(client, page, action, comment=""):
    state = Page.objects.get(pk=page.pk).current_workflow_state
    task_state = state.current_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
        {"comment": comment},
    )


def coverage_state(asset, code):
    asset = Page.objects.get(pk=asset.pk).specific  # as the report reads it: from the database
    return Coverage([asset]).state(asset, code)


def live_html(client, page):
    page = Page.objects.get(pk=page.pk)
    return client.get(page.get_url()).content.decode() if page.live else None


def test_full_round_trip_of_an_asset(campaign, users, asset, login, client):
    """Stories, elements, images: translate, submit, review, publish; a translator's email trail."""
    client = login(users.translator_fr)
    client.post(reverse("twinit_locales:start", args=[asset.pk, "fr"]))
    translation = translation_of(asset, "fr")
    french = asset.get_translation(Locale.objects.get(language_code="fr"))
    assert coverage_state(asset, "fr") == "draft"
    translate_all_strings(translation, "FR")
    mail.outbox.clear()

    response = submit(client, translation)
    assert response.status_code == 302
    state = Page.objects.get(pk=french.pk).current_workflow_state
    assert state.workflow.name == "Translation review"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not Page.objects.get(pk=french.pk).live  # not public while in review
    assert 'rel="alternate" hreflang="fr"' not in client.get(asset.url).content.decode()
    assert coverage_state(asset, "fr") == "in_review"
    # EE asset into French (not an Estonian language): Europeana editors review.
    assert {m.to[0] for m in mail.outbox} == {users.editor.email}

    # A coordinator (of any country) cannot approve it, even with a crafted POST.
    login(users.ee_coordinator)
    act(client, french, "approve")
    assert Page.objects.get(pk=french.pk).current_workflow_state is not None
    assert not Page.objects.get(pk=french.pk).live

    mail.outbox.clear()
    client = login(users.editor)
    act(client, french, "approve", "Très bien")
    french = Page.objects.get(pk=french.pk).specific
    assert french.live
    assert french.current_workflow_state is None
    assert coverage_state(asset, "fr") == "approved"
    assert TranslationApproval.objects.filter(translation=translation, page=french).exists()
    assert users.translator_fr.email in {m.to[0] for m in mail.outbox}  # told it is live

    client.logout()
    html = live_html(client, french)
    assert "FR Tallinn Town Hall" in html
    assert '<html lang="fr">' in html
    assert 'rel="alternate" hreflang="fr"' in client.get(asset.url).content.decode()
    # Stories (StreamField), elements and gallery images are translated too.
    assert "FR " in str(french.stories.raw_data)
    assert all(e.name.startswith("FR ") for e in french.elements.all())
    assert all(g.alt_text.startswith("FR ") for g in french.gallery_images.all())
    assert french.elements.count() == asset.elements.count() > 0
    assert french.gallery_images.count() == asset.gallery_images.count() > 0
    # History: submission and approval are in the page's log.
    actions = set(PageLogEntry.objects.filter(page=french).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve"} <= actions


def test_national_coordinators_review_their_own_languages(campaign, users, asset, login, client):
    et = start_translation(asset, "et", users.translator_et)
    translation = translation_of(asset, "et")
    translate_all_strings(translation, "ET")
    mail.outbox.clear()
    submit(login(users.translator_et), translation)
    assert {m.to[0] for m in mail.outbox} == {users.ee_coordinator.email}

    # Another country's coordinator and an editor are not the reviewers of an Estonian text.
    for outsider in (users.lv_coordinator, users.editor):
        login(outsider)
        act(client, et, "approve")
        assert Page.objects.get(pk=et.pk).current_workflow_state is not None
    login(users.ee_coordinator)
    act(client, et, "approve")
    assert Page.objects.get(pk=et.pk).live


def test_a_rejected_translation_stays_offline_with_its_comment(
    campaign, users, asset, login, client
):
    french = start_translation(asset, "fr", users.translator_fr)
    translation = translation_of(asset, "fr")
    translate_all_strings(translation, "FR")
    submit(login(users.translator_fr), translation)
    mail.outbox.clear()
    login(users.editor)
    act(client, french, "reject", "Le titre est trop long.")
    page = Page.objects.get(pk=french.pk)
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert coverage_state(asset, "fr") == "changes_requested"
    assert [m.to for m in mail.outbox] == [[users.translator_fr.email]]
    assert "Le titre est trop long." in mail.outbox[0].body
    # The translator sees the comment in the editor and can resubmit.
    client = login(users.translator_fr)
    editor_html = client.get(reverse("wagtailadmin_pages:edit", args=[french.pk])).content.decode()
    assert "Le titre est trop long." in editor_html
    client.logout()
    # Readers at the French address get the live English source, never the rejected draft.
    french_url = asset.get_url().replace("/en/", "/fr/")
    assert f"FR {asset.title}" not in client.get(french_url).content.decode()
    submit(login(users.translator_fr), translation)
    assert Page.objects.get(pk=french.pk).current_workflow_state.status == "in_progress"


def test_an_outdated_translation_keeps_its_approved_version_public(
    campaign, users, asset, login, client
):
    french = start_translation(asset, "fr", users.translator_fr)
    translation = translation_of(asset, "fr")
    translate_all_strings(translation, "FR")
    submit(login(users.translator_fr), translation)
    login(users.editor)
    act(client, french, "approve")
    assert coverage_state(asset, "fr") == "approved"

    # The source changes (only a synchronised field: not outdated) ...
    source = asset.specific
    source.latitude = "59.437100"
    publish_unreviewed(source)
    assert coverage_state(asset, "fr") == "approved"
    # ... then its text changes: outdated, visible in admin and in the coverage report.
    source.summary = "A new English summary."
    publish_unreviewed(source)
    assert coverage_state(asset, "fr") == "outdated"
    translator = login(users.translator_fr)
    html = translator.get(reverse("wagtailadmin_pages:edit", args=[french.pk])).content.decode()
    assert 'data-state="outdated"' in html
    report = login(users.editor).get(reverse("twinit_locales:coverage") + "?country=EE")
    assert f'data-asset="{asset.pk}"' in report.content.decode()
    assert 'data-language="fr" data-state="outdated"' in report.content.decode()

    # The update (source synced, new string translated) goes through review again.
    translation.source.update_from_db()
    translate_all_strings(translation, "FR2")
    submit(login(users.translator_fr), translation)
    assert coverage_state(asset, "fr") == "in_review"
    client.logout()
    public = live_html(client, french)
    assert "FR Tallinn Town Hall" in public  # the last approved version
    assert "FR2" not in public and "A new English summary." not in public
    login(users.editor)
    act(client, french, "approve")
    client.logout()
    assert "FR2 A new English summary." in live_html(client, french)
    assert coverage_state(asset, "fr") == "approved"


def test_coverage_report_counts_each_state(campaign, users, asset, login, client):
    start_translation(asset, "fr", users.translator_fr)
    response = login(users.editor).get(reverse("twinit_locales:coverage"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-language="fr" data-state="draft"' in html
    assert 'data-language="de" data-state="missing"' in html
    assert 'data-language="en" data-state="source"' in html
    # A translator sees their own language, with a "Translate" button where it is missing.
    html = login(users.translator_de).get(reverse("twinit_locales:coverage")).content.decode()
    assert 'data-language="fr"' not in html
    assert reverse("twinit_locales:start", args=[asset.pk, "de"]) in html



def test_admin_menu_links_the_coverage_report(campaign, users, login):
    response = login(users.translator_fr).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert reverse("twinit_locales:coverage") in response.content.decode()


def test_coverage_report_covers_the_campaign_pages(campaign, users, asset, login, client):
    from twinit_pages.models import CampaignPage, MemberStatePage

    faq = CampaignPage.objects.filter(locale__language_code="en").first()
    state = MemberStatePage.objects.filter(locale__language_code="en").first()
    start_translation(faq, "fr", users.translator_fr)
    html = login(users.editor).get(reverse("twinit_locales:coverage"),
                                   {"kind": "pages"}).content.decode()
    rows = dict(re.findall(r'<tr data-asset="(\d+)">(.*?)</tr>', html, re.S))
    assert str(faq.pk) in rows and str(state.pk) in rows
    assert str(asset.pk) not in rows
    assert 'data-language="fr" data-state="draft"' in rows[str(faq.pk)]
    assert 'data-language="fr" data-state="missing"' in rows[str(state.pk)]
    # The default stays the assets.
    html = client.get(reverse("twinit_locales:coverage")).content.decode()
    assert f'<tr data-asset="{asset.pk}">' in html and f'<tr data-asset="{faq.pk}">' not in html
