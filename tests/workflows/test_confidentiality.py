"""Draft confidentiality: outside their own country, nobody but Europeana sees draft titles,
content or status in the admin (crafted requests against every view that names pages)."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import Page

from tests.workflows.conftest import asset_post, edit_url, institution_id
from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db

SECRET = "Secretdraftword"
PENDING = "Pendingchangeword"


@pytest.fixture
def secrets(users, draft, login, state, model_status):
    """An Estonian draft in national review and a live Estonian asset with an unpublished edit."""
    hidden = draft(users.ee_contributor, "EE", slug="secret-draft", title=f"{SECRET} tower")
    client = login(users.ee_contributor)
    client.post(edit_url(hidden), asset_post(
        institution_id("EE"), action="action-submit", slug=hidden.slug, title=hidden.title,
        models_3d=model_status.models("EE")))
    live = HeritageAssetPage.objects.child_of(state("EE")).live().first()
    revision = live.specific.save_revision(user=users.ee_contributor)
    latest = revision.as_object()
    latest.title = f"{PENDING} title"
    latest.draft_title = latest.title
    latest.save_revision(user=users.ee_contributor)
    live.refresh_from_db()
    assert live.live and live.has_unpublished_changes
    return Page.objects.get(pk=hidden.pk), live


def listing_urls(hidden, live):
    """Views that list pages: they answer, without the other country's draft."""
    parent = hidden.get_parent().pk
    return [
        # Queries never spell the secret words: a search box echoes its query.
        reverse("wagtailadmin_choose_page") + "?q=Secretdraft",
        reverse("wagtailadmin_choose_page_search") + "?q=Secretdraft",
        reverse("wagtailadmin_choose_page_search") + "?q=Pendingchange",
        reverse("wagtailadmin_choose_page_search") + "?q=tower",
        reverse("wagtailadmin_choose_page_search") + "?q=Tallinn",
        reverse("wagtailadmin_choose_page_child", args=[parent]),
        reverse("wagtailadmin_pages:search") + "?q=tower",
        reverse("wagtailadmin_pages:search_results") + "?q=tower",
        reverse("wagtailadmin_pages:search") + "?q=Tallinn",
        reverse("wagtailadmin_home"),
        "/admin/reports/locked/", "/admin/reports/workflow/", "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/", "/admin/reports/aging-pages/",
        "/admin/reports/page-types-usage/",
        reverse("twinit_locales:coverage"),
        reverse("twinit_locales:coverage") + "?country=EE",
        reverse("twinit_locales:coverage") + "?kind=pages",
        "/admin/api/main/pages/?search=tower", "/admin/api/main/pages/?search=Tallinn",
    ]


def object_urls(hidden, live, model):
    """Views of one page or model of another country: refused, and the refusal names nothing."""
    task_id = hidden.current_workflow_state.current_task_state.task_id
    return [
        f"/admin/pages/workflow/preview/{hidden.pk}/{task_id}/",
        f"/admin/pages/workflow/preview/{live.pk}/{task_id}/",
        f"/admin/pages/{hidden.pk}/history/", f"/admin/pages/{live.pk}/history/",
        f"/admin/pages/{hidden.pk}/revisions/compare/earliest...latest/",
        f"/admin/pages/{live.pk}/revisions/compare/live...latest/",
        f"/admin/pages/{hidden.pk}/workflow_history/",
        f"/admin/pages/{hidden.pk}/edit/", f"/admin/pages/{live.pk}/edit/",
        f"/admin/pages/{hidden.pk}/view_draft/", f"/admin/pages/{live.pk}/view_draft/",
        f"/admin/pages/{hidden.pk}/edit/preview/",
        f"/admin/pages/{hidden.pk}/usage/", f"/admin/pages/{hidden.pk}/copy/",
        f"/admin/pages/{hidden.pk}/delete/", f"/admin/pages/{hidden.pk}/move/",
        f"/admin/pages/{hidden.pk}/", f"/admin/api/main/pages/{hidden.pk}/",
        f"/admin/api/main/pages/?child_of={hidden.get_parent().pk}",
        f"/admin/models3d/history/{model.pk}/", f"/admin/models3d/usage/{model.pk}/",
        f"/admin/models3d/edit/{model.pk}/", f"/admin/models3d/delete/{model.pk}/",
    ]


def leaks(response):
    body = response.content.decode(errors="replace")
    return response.status_code >= 500 or SECRET in body or PENDING in body


@pytest.mark.parametrize("who", ["lv_contributor", "lv_coordinator", "translator"])
def test_other_countries_see_no_draft(secrets, users, login, model_status, who):
    hidden, live = secrets
    client = login(getattr(users, who))
    leaked = []
    for url in listing_urls(hidden, live):
        response = client.get(url, follow=True)
        if response.status_code != 200 or leaks(response):
            leaked.append((url, response.status_code))
    for url in object_urls(hidden, live, model_status.models("EE")[0]):
        # follow=True: an error message stored for the next page must not name the page either.
        response = client.get(url, follow=True)
        refused = response.status_code in (400, 403, 404) or response.redirect_chain
        if leaks(response) or not refused:
            leaked.append((url, response.status_code))
    assert leaked == []


def test_own_country_and_europeana_still_see_the_draft(secrets, users, login):
    hidden, live = secrets
    for user in (users.ee_coordinator, users.ee_contributor2, users.editor):
        client = login(user)
        body = client.get(reverse("wagtailadmin_choose_page_search") + "?q=tower").content
        assert SECRET.encode() in body
        body = client.get(reverse("wagtailadmin_choose_page_search") + "?q=Tallinn").content
        assert PENDING.encode() in body
        coverage = client.get(reverse("twinit_locales:coverage") + "?country=EE").content
        assert SECRET.encode() in coverage


def test_live_page_elsewhere_shows_its_live_title_only(secrets, users, login):
    hidden, live = secrets
    client = login(users.lv_contributor)
    body = client.get(reverse("wagtailadmin_choose_page_search") + "?q=Tallinn").content.decode()
    assert live.title in body and PENDING not in body


def test_translator_coverage_lists_live_sources_without_edit_links(secrets, users, login, state):
    hidden, live = secrets
    client = login(users.translator)
    response = client.get(reverse("twinit_locales:coverage") + "?country=EE&language=fr")
    listed = {row["page"].pk for row in response.context["rows"]}
    assert live.pk in listed and hidden.pk not in listed
    assert all(HeritageAssetPage.objects.get(pk=pk).live for pk in listed)
    assert all(not row["edit_url"] for row in response.context["rows"])


def test_refused_requests_change_nothing(secrets, users, login, model_status):
    """Crafted writes against another country's draft and model: refused, nothing stored."""
    hidden, live = secrets
    model = model_status.models("EE")[0]
    revisions = hidden.revisions.count()
    client = login(users.lv_coordinator)
    task_state = hidden.current_workflow_state.current_task_state
    for url in (
        reverse("wagtailadmin_pages:workflow_action", args=(hidden.pk, "approve", task_state.pk)),
        reverse("wagtailadmin_pages:workflow_action", args=(hidden.pk, "reject", task_state.pk)),
        f"/admin/pages/{hidden.pk}/edit/", f"/admin/pages/{hidden.pk}/delete/",
        f"/admin/models3d/edit/{model.pk}/", f"/admin/models3d/delete/{model.pk}/",
    ):
        response = client.post(url, {"comment": "x", "title": "hijack"}, follow=True)
        assert not leaks(response), url
    hidden.refresh_from_db()
    model.refresh_from_db()
    assert hidden.revisions.count() == revisions
    assert hidden.current_workflow_state.current_task_state.pk == task_state.pk
    assert model.title == "EE scan"


@pytest.mark.parametrize("conversion", ["all", "confirm"])
def test_pasting_a_live_pages_url_names_it_by_its_live_title(secrets, users, login, settings,
                                                            conversion):
    """The external-link chooser converts a pasted page URL into a page link: another country
    learns the live title, never the pending one; the own country still sees its draft title."""
    settings.WAGTAILADMIN_EXTERNAL_LINK_CONVERSION = conversion
    # The chooser matches URLs against Wagtail's cached site root paths; an earlier test's cache
    # names sites and root pages its rolled-back transaction removed.
    cache.clear()
    hidden, live = secrets
    url = live.specific.get_url()
    form = {"external-link-chooser-url": url, "external-link-chooser-link_text": ""}
    chooser = reverse("wagtailadmin_choose_page_external_link")

    response = login(users.lv_coordinator).post(chooser, form)
    assert response.status_code == 200
    body = response.content.decode()
    assert PENDING not in body and str(live.pk) in body
    assert live.title in body

    own = login(users.ee_coordinator).post(chooser, form).content.decode()
    assert PENDING in own
