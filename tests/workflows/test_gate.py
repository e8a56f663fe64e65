"""The publication gate and reviewer actions in the page editor, attacked with crafted requests.

Every refusal asserts that nothing changed: not the live state, not the revisions, not the
workflow's step.
"""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Locale, Page, PageLogEntry, TaskState, WorkflowState
from wagtail_localize.models import Translation

from campaign import roles
from tests.workflows.conftest import current_task_name
from twinit_pages.models import HeritageAssetPage
from workflows import gate

pytestmark = pytest.mark.django_db


def snapshot(page):
    """What a refused request must leave untouched."""
    page = Page.objects.get(pk=page.pk)
    state = page.current_workflow_state
    return {
        "live": page.live,
        "live_revision": page.live_revision_id,
        "revisions": page.revisions.count(),
        "task": state.current_task_state_id if state else None,
        "task_states": TaskState.objects.filter(workflow_state__object_id=str(page.pk)).count(),
        "status": state.status if state else None,
    }


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def in_editor(submit, user, page, action, comment="", **values):
    """Save ▾ → Approve / Approve with comment / Request changes in the page editor."""
    extra = json.dumps({"comment": comment} if comment else {})
    return submit(user, page, action="action-workflow-action", **{
        "workflow-action-name": action, "workflow-action-extra-data": extra,
    }, **values)


@pytest.fixture
def at_national(users, draft, submit, model_status):
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    assert current_task_name(page) == roles.NATIONAL_TASK_NAME
    return page


# --- approving in the editor -----------------------------------------------------------------

def test_approve_in_the_editor_moves_on_and_says_where(users, submit, at_national):
    response = in_editor(submit, users.ee_coordinator, at_national, "approve")
    assert response.status_code == 302
    assert current_task_name(at_national) == roles.EUROPEANA_TASK_NAME
    assert any("Sent to Europeana review" in m for m in messages_of(response))

    response = in_editor(submit, users.editor, at_national, "approve")
    page = Page.objects.get(pk=at_national.pk)
    assert page.live and page.current_workflow_state is None
    assert any(m.startswith("Published") for m in messages_of(response))


def test_a_reviewers_own_edit_is_part_of_the_approval(users, submit, at_national):
    response = in_editor(submit, users.ee_coordinator, at_national, "approve",
                         summary="Tightened by the coordinator.")
    assert response.status_code == 302
    # Not restarted: the coordinator's revision inherited the readiness check and went on.
    assert current_task_name(at_national) == roles.EUROPEANA_TASK_NAME
    in_editor(submit, users.editor, at_national, "approve", summary="Final wording by Europeana.")
    page = HeritageAssetPage.objects.get(pk=at_national.pk)
    assert page.live and page.summary == "Final wording by Europeana."
    # The live revision passed every step itself.
    assert gate.refusal(page, page.live_revision) is None


def test_an_edit_that_breaks_readiness_is_refused_with_the_approval(users, submit, at_national):
    before = snapshot(at_national)
    response = in_editor(submit, users.ee_coordinator, at_national, "approve", models_3d=[])
    assert response.status_code == 200
    assert any("readiness check" in m for m in messages_of(response))
    assert snapshot(at_national) == before


def test_request_changes_in_the_editor_returns_it_with_the_comment(users, submit, at_national):
    response = in_editor(submit, users.ee_coordinator, at_national, "reject",
                         comment="Please add the capture date.")
    state = Page.objects.get(pk=at_national.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Please add the capture date."
    name = users.ee_contributor.get_full_name() or users.ee_contributor.username
    assert any(f"Returned to {name} with your comment" in m for m in messages_of(response))


def test_the_dashboard_action_says_where_it_went(users, act, at_national):
    response = act(users.ee_coordinator, at_national, "approve")
    assert any("Sent to Europeana review" in m for m in messages_of(response))


def test_the_last_step_offers_approve_and_publish_not_publish(users, login, act, at_national):
    act(users.ee_coordinator, at_national, "approve")
    html = login(users.editor).get(reverse("wagtailadmin_pages:edit", args=[at_national.pk]))
    html = html.content.decode()
    assert "Approve and publish" in html
    assert 'name="action-publish"' not in html


# --- crafted requests --------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["editor", "superuser", "ee_coordinator"])
def test_action_publish_while_national_approval_is_pending_is_refused(
    who, users, submit, superuser, at_national
):
    user = superuser if who == "superuser" else getattr(users, who)
    before = snapshot(at_national)
    response = submit(user, at_national, action="action-publish")
    assert response.status_code == 302
    assert snapshot(at_national) == before
    assert any("goes live only through review" in m for m in messages_of(response))


def test_publish_in_code_is_refused_before_approval(at_national):
    before = snapshot(at_national)
    revision = at_national.get_latest_revision()
    with pytest.raises(gate.Refused):
        revision.publish()
    assert snapshot(at_national) == before


def test_the_override_needs_a_superuser_and_a_reason(users, login, superuser, at_national):
    url = reverse("twinit_publish_override", args=[at_national.pk])
    before = snapshot(at_national)
    response = login(users.editor).post(url, {"reason": "Because I can, really."})
    assert response.status_code in (302, 403) and response.get("Location") != reverse(
        "wagtailadmin_pages:edit", args=[at_national.pk])
    assert login(superuser).post(url, {"reason": ""}).status_code == 200
    assert snapshot(at_national) == before

    response = login(superuser).post(url, {"reason": "Minister's launch event today."})
    assert response.status_code == 302
    page = Page.objects.get(pk=at_national.pk)
    assert page.live
    entry = PageLogEntry.objects.filter(page=page, action=gate.OVERRIDE_ACTION).get()
    assert entry.user == superuser and entry.data["reason"] == "Minister's launch event today."
    history = login(superuser).get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "Minister&#x27;s launch event today." in history.content.decode()


def test_superusers_are_offered_the_override_not_publish(login, superuser, at_national):
    html = login(superuser).get(reverse("wagtailadmin_pages:edit", args=[at_national.pk]))
    html = html.content.decode()
    assert reverse("twinit_publish_override", args=[at_national.pk]) in html
    assert 'name="action-publish"' not in html


# --- translations ------------------------------------------------------------------------------

def start(client, page, language="fr"):
    return client.post(reverse("twinit_locales:start", args=[page.pk, language]))


def test_a_draft_cannot_be_translated(users, login, at_national):
    response = start(login(users.translator), at_national)
    assert response.status_code == 302
    assert not Page.objects.filter(translation_key=at_national.translation_key,
                                   locale__language_code="fr").exists()
    assert not Translation.objects.filter(source__object_id=at_national.translation_key).exists()
    assert any("not published yet" in m for m in messages_of(response))


def test_a_translation_of_a_source_that_went_offline_is_not_published(
    users, login, act, submit, at_national
):
    act(users.ee_coordinator, at_national, "approve")
    act(users.editor, at_national, "approve")
    assert start(login(users.translator), at_national).status_code == 302
    french = Page.objects.get(translation_key=at_national.translation_key,
                              locale__language_code="fr")
    translation = Translation.objects.get(source__object_id=at_national.translation_key)
    login(users.translator).post(reverse("twinit_locales:submit", args=[translation.pk]))
    Page.objects.get(pk=at_national.pk).specific.unpublish()
    before = snapshot(french)
    response = act(users.editor, french, "approve")
    assert response.status_code == 302
    assert snapshot(french) == before
    assert any("not published" in m for m in messages_of(response))


def test_a_translation_carries_only_the_live_text(users, login, submit, act, at_national):
    act(users.ee_coordinator, at_national, "approve")
    act(users.editor, at_national, "approve")
    # The author drafts a new summary; it is not live, so the translation must not carry it.
    submit(users.ee_contributor, at_national, action="action-save", summary="Unapproved draft.")
    start(login(users.translator), at_national)
    translation = Translation.objects.get(source__object_id=at_national.translation_key)
    assert "Unapproved draft." not in translation.source.content_json
    french = translation.get_target_instance()
    assert french.locale == Locale.objects.get(language_code="fr")
    assert "Unapproved draft." not in (french.get_latest_revision_as_object().summary or "")
