"""The submission workflow through the admin's HTTP views, one role at a time."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from campaign import roles
from tests.workflows.conftest import current_task_name, recipients
from workflows.models import ReadinessCheckTaskState

pytestmark = pytest.mark.django_db


def workflow_state(page):
    return Page.objects.get(pk=page.pk).current_workflow_state


def test_happy_path_from_draft_to_live(users, draft, submit, act, model_status):
    page = draft(users.ee_contributor)
    assert not page.live
    assert recipients() == []

    response = submit(users.ee_contributor, page)
    assert response.status_code == 302
    # The readiness check passed at once; the EE coordinators (only they) must act next.
    assert current_task_name(page) == roles.NATIONAL_TASK_NAME
    assert recipients() == ["ee-coordinator@example.org"]

    response = act(users.ee_coordinator, page, "approve")
    assert response.status_code == 302
    assert current_task_name(page) == roles.EUROPEANA_TASK_NAME
    # Wagtail's own group-task notification: every Europeana editor, nobody else.
    assert recipients() == ["europeana-editor-2@example.org", "europeana-editor@example.org"]
    assert not Page.objects.get(pk=page.pk).live

    response = act(users.editor, page, "approve")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert workflow_state(page) is None
    # The author hears of the publication once.
    sent = list(mail.outbox)
    assert recipients() == ["ee-contributor@example.org"]
    assert "approved" in sent[0].subject


def test_readiness_check_rejects_with_a_checklist(users, draft, submit, model_status):
    model_status["status"] = None  # no 3D model attached
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    state = workflow_state(page)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = state.current_task_state.specific
    assert task_state.task.name == roles.READINESS_TASK_NAME
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.finished_by is None
    assert "Add at least one 3D model" in task_state.comment
    # Only the author hears of it, with the checklist.
    [message] = mail.outbox
    assert message.to == ["ee-contributor@example.org"]
    assert "Add at least one 3D model" in message.body
    assert "rejected" in message.subject


def test_readiness_check_names_failed_processing_and_missing_alt_text(
    users, draft, submit, model_status
):
    model_status["status"] = "failed"
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    comment = workflow_state(page).current_task_state.comment
    assert "Processing failed" in comment


def test_resubmitting_after_the_readiness_check_passes(users, draft, submit, model_status):
    model_status["status"] = "processing"
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    assert "finished processing" in workflow_state(page).current_task_state.comment
    mail.outbox.clear()
    model_status["status"] = "ready"
    response = submit(users.ee_contributor, page)
    assert response.status_code == 302
    assert current_task_name(page) == roles.NATIONAL_TASK_NAME
    assert recipients() == ["ee-coordinator@example.org"]


def test_national_rejection_returns_the_page_with_the_comment(
    users, draft, submit, act, model_status
):
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    mail.outbox.clear()
    act(users.ee_coordinator, page, "reject", comment="Please name the photographer.")
    state = workflow_state(page)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Please name the photographer."
    [message] = mail.outbox
    assert message.to == ["ee-contributor@example.org"]
    assert "Please name the photographer." in message.body
    mail.outbox.clear()

    # The author edits and resubmits: the coordinators review again.
    response = submit(users.ee_contributor, page, operators="Jaan Tamm")
    assert response.status_code == 302
    assert current_task_name(page) == roles.NATIONAL_TASK_NAME
    assert recipients() == ["ee-coordinator@example.org"]


def test_europeana_rejection_returns_the_page_with_the_comment(
    users, draft, submit, act, model_status
):
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    act(users.ee_coordinator, page, "approve")
    mail.outbox.clear()
    act(users.editor, page, "reject", comment="The licence does not match the file.")
    state = workflow_state(page)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.task.name == roles.EUROPEANA_TASK_NAME
    [message] = mail.outbox
    assert message.to == ["ee-contributor@example.org"]
    assert "The licence does not match the file." in message.body
    assert not Page.objects.get(pk=page.pk).live


def test_a_reviewers_saved_edit_is_part_of_their_approval(
    users, draft, submit, act, model_status, login
):
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    act(users.ee_coordinator, page, "approve")
    assert current_task_name(page) == roles.EUROPEANA_TASK_NAME
    # A Europeana editor changes the page while reviewing it, then approves from the dashboard.
    response = submit(users.editor, page, action="action-save", summary="Edited by Europeana.")
    assert response.status_code == 302
    act(users.editor, page, "approve")
    page.refresh_from_db()
    assert page.live and page.summary == "Edited by Europeana."


def test_an_edit_by_the_author_after_approval_needs_approval_again(
    users, draft, submit, act, model_status
):
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    act(users.ee_coordinator, page, "approve")
    act(users.editor, page, "approve")
    live_revision = Page.objects.get(pk=page.pk).live_revision_id
    # The author improves the live asset: a draft, not live, until it passes review again.
    submit(users.ee_contributor, page, action="action-save", summary="Author's second thoughts.")
    page.refresh_from_db()
    assert page.live_revision_id == live_revision and page.summary != "Author's second thoughts."
    submit(users.ee_contributor, page, summary="Author's second thoughts.")
    assert current_task_name(page) == roles.NATIONAL_TASK_NAME


def test_someone_elses_edit_during_review_restarts_it(users, draft, submit, act, model_status):
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    act(users.ee_coordinator, page, "approve")
    # Another Europeana editor changes the page; the first one's approval does not cover it.
    submit(users.editor2, page, action="action-save", summary="Edited by a colleague.")
    act(users.editor, page, "approve")
    page.refresh_from_db()
    assert not page.live
    assert current_task_name(page) == roles.NATIONAL_TASK_NAME


def test_contributor_cannot_edit_while_coordinators_review(users, draft, submit, model_status):
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    revisions = page.revisions.count()
    submit(users.ee_contributor, page, action="action-save", summary="Sneaky change.")
    assert page.revisions.count() == revisions


def test_the_workflow_history_shows_who_when_and_comments(
    users, draft, submit, act, model_status, login
):
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    act(users.ee_coordinator, page, "reject", comment="Add the operators.")
    submit(users.ee_contributor, page, operators="Jaan Tamm")
    act(users.ee_coordinator, page, "approve", comment="Thanks, fine now.")
    act(users.editor, page, "approve")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    client = login(users.editor)
    response = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=(page.pk, state.pk))
    )
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("ee-contributor", "ee-coordinator", "europeana-editor", "Add the operators.",
                 "Thanks, fine now.", roles.READINESS_TASK_NAME, roles.NATIONAL_TASK_NAME,
                 roles.EUROPEANA_TASK_NAME):
        assert text in html, text
    # The log records every step with its user and time.
    actions = list(
        PageLogEntry.objects.filter(page=page, action__startswith="wagtail.workflow")
        .order_by("timestamp", "id").values_list("action", "user__username")
    )
    assert ("wagtail.workflow.start", "ee-contributor") in actions
    assert ("wagtail.workflow.reject", "ee-coordinator") in actions
    assert ("wagtail.workflow.approve", "europeana-editor") in actions
    assert ("wagtail.workflow.reject", None) not in actions  # the check passed each time


def test_readiness_predicted_tiers_in_checklist(users, draft, submit, model_status, monkeypatch):
    import sys
    import types

    fake = types.ModuleType("europeana.tiers")
    fake.predict = lambda page: types.SimpleNamespace(
        content_tier=4, metadata_tier="B", hints=["Link a place to reach metadata tier C."]
    )
    monkeypatch.setitem(sys.modules, "europeana.tiers", fake)
    model_status["status"] = None
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    task_state = workflow_state(page).current_task_state.specific
    assert task_state.content_tier == 4
    assert task_state.metadata_tier == "B"
    assert "content tier 4, metadata tier B" in task_state.comment
    assert "Link a place to reach metadata tier C." in task_state.comment


def test_readiness_uses_the_shared_tier_prediction(users, draft, submit, model_status):
    from europeana.tiers import predict

    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    task_state = ReadinessCheckTaskState.objects.get(workflow_state__object_id=str(page.pk))
    prediction = predict(Page.objects.get(pk=page.pk).get_latest_revision_as_object())
    assert task_state.content_tier == prediction.content_tier
    assert task_state.metadata_tier == prediction.metadata_tier
    assert (f"content tier {prediction.content_tier}, metadata tier {prediction.metadata_tier}"
            in task_state.comment)
