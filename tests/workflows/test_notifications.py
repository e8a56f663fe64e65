"""Emails reach exactly the people who must act next, and the author, once each."""

import pytest
from django.core import mail
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from campaign import roles
from tests.workflows.conftest import current_task_name, edit_url, recipients
from twinit_pages.models import CampaignPage

pytestmark = pytest.mark.django_db


def override(client, page, reason="Press embargo lifted early; approvals follow."):
    from django.urls import reverse

    return client.post(reverse("twinit_publish_override", args=[page.pk]), {"reason": reason})


def test_publication_without_review_tells_the_author(users, draft, login, superuser,
                                                     model_status):
    page = draft(users.ee_contributor)
    mail.outbox.clear()
    response = override(login(superuser), page)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    [message] = mail.outbox
    assert message.to == ["ee-contributor@example.org"]
    assert "now published" in message.subject


def test_publishing_your_own_page_sends_nothing(draft, login, superuser, model_status):
    page = draft(superuser, slug="superusers-own")
    mail.outbox.clear()
    override(login(superuser), page)
    assert Page.objects.get(pk=page.pk).live
    assert [(m.to, m.subject) for m in mail.outbox] == []


def test_the_submitter_is_not_mailed_about_their_own_step(users, draft, submit, act, model_status):
    # A coordinator drafts and submits: the other coordinators would act next — there are none,
    # and the coordinator is not mailed about their own submission.
    page = draft(users.ee_coordinator, slug="by-coordinator")
    submit(users.ee_coordinator, page)
    assert current_task_name(page) == roles.NATIONAL_TASK_NAME
    assert recipients() == []
    act(users.ee_coordinator, page, "approve")
    assert recipients() == ["europeana-editor-2@example.org", "europeana-editor@example.org"]
    act(users.editor, page, "approve")
    assert recipients() == ["ee-coordinator@example.org"]


def test_users_who_turned_notifications_off_get_none(users, draft, submit, model_status):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(users.ee_coordinator)
    profile.submitted_notifications = False
    profile.save()
    submit(users.ee_contributor, draft(users.ee_contributor))
    assert recipients() == []


def test_a_campaign_page_skips_the_asset_steps(users, login, campaign):
    page = CampaignPage.objects.live().first()
    client = login(users.editor)
    data = nested_form_data({
        "title": page.title, "slug": page.slug, "intro": "New intro", "body": streamfield([]),
        "comments": inline_formset([]), "seo_title": "", "search_description": "",
    })
    data["action-submit"] = "1"
    response = client.post(edit_url(page), data)
    assert response.status_code == 302
    assert current_task_name(page) == roles.EUROPEANA_TASK_NAME
    states = TaskState.objects.filter(workflow_state__object_id=str(page.pk))
    assert sorted(states.values_list("task__name", "status")) == sorted([
        (roles.READINESS_TASK_NAME, "skipped"), (roles.NATIONAL_TASK_NAME, "skipped"),
        (roles.EUROPEANA_TASK_NAME, "in_progress"),
    ])
    assert recipients() == ["europeana-editor-2@example.org"]
