"""Anonymous readers never see a page while it is in the workflow."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from campaign import roles
from tests.pages.helpers import all_sitemaps
from tests.workflows.conftest import current_task_name
from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Zyxwquartz tower"
SECRET_SUMMARY = "Qwertyplonk fortification never published."


@pytest.fixture
def in_review(users, draft, submit, model_status):
    page = draft(users.ee_contributor, title=SECRET_TITLE, slug="zyxwquartz",
                 summary=SECRET_SUMMARY)
    submit(users.ee_contributor, page)
    assert current_task_name(page) == roles.NATIONAL_TASK_NAME
    return Page.objects.get(pk=page.pk).specific


def anonymous_sees_nothing_of(client, page, *secrets):
    client.logout()
    state_url = page.get_parent().specific.url
    assert client.get(state_url).status_code == 200
    page_url = f"{state_url}{page.slug}/"
    response = client.get(page_url)
    assert response.status_code == (200 if page.live else 404)
    for secret in secrets:
        assert secret not in response.content.decode()
    for url in (
        reverse("wagtailadmin_pages:view_draft", args=(page.pk,)),
        reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,)),
        reverse("wagtailadmin_pages:revisions_view", args=(page.pk, page.latest_revision_id)),
        reverse("wagtailadmin_pages:workflow_preview",
                args=(page.pk, page.current_workflow_task.pk)),
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
    ):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 302, url
        assert "/login/" in response.url, url
        for secret in secrets:
            assert secret not in body, url
    for secret in secrets:
        assert secret not in all_sitemaps(client)
        for url in (state_url, f"/en/search/?q={secret.split()[0]}"):
            response = client.get(url)
            assert response.status_code == 200
            assert secret not in response.content.decode(), url
    return all_sitemaps(client)


def test_a_new_page_in_review_is_invisible(client, in_review):
    sitemap = anonymous_sees_nothing_of(client, in_review, SECRET_TITLE, SECRET_SUMMARY)
    assert in_review.slug not in sitemap
    assert not HeritageAssetPage.objects.get(pk=in_review.pk).live


def test_an_edit_of_a_live_page_in_review_stays_invisible(
    client, users, state, submit, model_status
):
    live = HeritageAssetPage.objects.child_of(state("EE")).live().first()
    response = submit(users.ee_contributor, live, summary=SECRET_SUMMARY,
                      models_3d=model_status.models())
    assert response.status_code == 302
    assert current_task_name(live) == roles.NATIONAL_TASK_NAME
    live = Page.objects.get(pk=live.pk).specific
    anonymous_sees_nothing_of(client, live, SECRET_SUMMARY)
    assert live.summary != SECRET_SUMMARY
