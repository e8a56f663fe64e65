"""Nobody touches another country's work, skips a step or publishes alone (admin HTTP views)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from campaign import roles
from tests.workflows.conftest import (
    action_url,
    add_url,
    asset_post,
    current_task_name,
    edit_url,
    institution_id,
)
from twinit_pages.demo.images import render_jpeg
from twinit_pages.models import HeritageAssetPage

pytestmark = pytest.mark.django_db


def live_asset(state, iso):
    return HeritageAssetPage.objects.child_of(state(iso)).live().first()


def denied(response):
    """Wagtail answers a forbidden admin action with 403 or a redirect away from the form."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/" in response.url
        and "login" not in response.url
    )


def test_contributor_works_under_own_country_only(users, login, state, draft):
    client = login(users.ee_contributor)
    assert client.get(add_url(state("EE"))).status_code == 200
    assert denied(client.get(add_url(state("LV"))))
    response = client.post(add_url(state("LV")), asset_post(institution_id("EE"), slug="intruder"))
    assert denied(response)
    assert not HeritageAssetPage.objects.filter(slug="intruder").exists()

    lv_draft = draft(users.lv_contributor, "LV", slug="lv-draft")
    client = login(users.ee_contributor)
    for page in (live_asset(state, "LV"), lv_draft):
        assert denied(client.get(edit_url(page)))
        revisions = page.revisions.count()
        response = client.post(edit_url(page), asset_post(institution_id("EE"), slug=page.slug))
        assert denied(response)
        assert page.revisions.count() == revisions


def test_contributor_cannot_delete_move_or_unpublish_others_or_published(
    users, login, state, draft
):
    lv_draft = draft(users.lv_contributor, "LV", slug="lv-draft")
    client = login(users.ee_contributor)
    ee_live = live_asset(state, "EE")
    lv_live = live_asset(state, "LV")
    for page in (ee_live, lv_live, lv_draft):
        delete = reverse("wagtailadmin_pages:delete", args=(page.pk,))
        assert denied(client.get(delete))
        assert denied(client.post(delete))
        move = reverse("wagtailadmin_pages:move_confirm", args=(page.pk, state("EE").pk))
        assert denied(client.post(move))
    unpublish = reverse("wagtailadmin_pages:unpublish", args=(ee_live.pk,))
    assert denied(client.post(unpublish))
    assert HeritageAssetPage.objects.filter(pk__in=[ee_live.pk, lv_live.pk], live=True).count() == 2
    assert Page.objects.get(pk=lv_draft.pk).get_parent().pk == state("LV").pk
    # Moving its own draft into LV is refused too.
    own = draft(users.ee_contributor, "EE", slug="own-draft")
    client = login(users.ee_contributor)
    move = reverse("wagtailadmin_pages:move_confirm", args=(own.pk, state("LV").pk))
    assert denied(client.post(move))
    assert Page.objects.get(pk=own.pk).get_parent().pk == state("EE").pk
    # Wagtail's "add" lets the author delete an own unpublished draft: that is allowed.
    response = client.post(reverse("wagtailadmin_pages:delete", args=(own.pk,)))
    assert response.status_code == 302
    assert not HeritageAssetPage.objects.filter(pk=own.pk).exists()


def test_contributor_cannot_publish(users, login, draft, submit, model_status):
    page = draft(users.ee_contributor)
    response = submit(users.ee_contributor, page, action="action-publish")
    page.refresh_from_db()
    assert not page.live
    assert response.status_code in (200, 302, 403)
    # Nor can a coordinator: national approval hands over to Europeana, it never publishes.
    submit(users.ee_contributor, page)
    submit(users.ee_coordinator, page, action="action-publish")
    page.refresh_from_db()
    assert not page.live


def test_only_europeana_editors_edit_campaign_pages(users, login, campaign):
    from twinit_pages.models import CampaignPage

    page = CampaignPage.objects.live().first()
    for user in (users.ee_contributor, users.ee_coordinator, users.translator):
        assert denied(login(user).get(edit_url(page)))
    assert login(users.editor).get(edit_url(page)).status_code == 200


def test_translator_cannot_edit_source_pages(users, login, state, draft):
    ee_draft = draft(users.ee_contributor)
    client = login(users.translator)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    for page in (ee_draft, live_asset(state, "EE"), state("EE"), campaign_home()):
        assert denied(client.get(edit_url(page)))
    assert denied(client.get(add_url(state("EE"))))


def campaign_home():
    from twinit_pages.models import CampaignHomePage

    return CampaignHomePage.objects.get(locale__language_code="en")


def test_coordinator_cannot_approve_another_country(users, login, draft, submit, model_status):
    lv_page = draft(users.lv_contributor, "LV", slug="lv-asset")
    submit(users.lv_contributor, lv_page)
    ee_page = draft(users.ee_contributor, "EE", slug="ee-asset")
    submit(users.ee_contributor, ee_page)
    lv_task_state = Page.objects.get(pk=lv_page.pk).current_workflow_state.current_task_state
    client = login(users.ee_coordinator)

    # The editor offers no action, and the LV page is locked for EE's coordinator.
    assert denied(client.get(edit_url(lv_page)))
    # A crafted POST to the action URL of the LV page.
    for action in ("approve", "reject"):
        response = client.post(action_url(lv_page, action, lv_task_state), {"comment": "x"})
        assert denied(response)
    # A crafted POST naming its own country's page but LV's task state.
    for action in ("approve", "reject"):
        response = client.post(action_url(ee_page, action, lv_task_state), {"comment": "x"})
        assert denied(response)
    assert current_task_name(lv_page) == roles.NATIONAL_TASK_NAME
    lv_task_state.refresh_from_db()
    assert lv_task_state.status == "in_progress"
    # The LV coordinator can.
    client = login(users.lv_coordinator)
    response = client.post(action_url(lv_page, "approve", lv_task_state), {"comment": ""})
    assert response.status_code == 302
    assert current_task_name(lv_page) == roles.EUROPEANA_TASK_NAME


def test_contributors_and_coordinators_cannot_take_the_europeana_step(
    users, login, draft, submit, act, model_status
):
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    act(users.ee_coordinator, page, "approve")
    task_state = Page.objects.get(pk=page.pk).current_workflow_state.current_task_state
    for user in (users.ee_contributor, users.ee_coordinator, users.lv_coordinator,
                 users.translator):
        response = login(user).post(action_url(page, "approve", task_state), {"comment": ""})
        assert denied(response)
    assert current_task_name(page) == roles.EUROPEANA_TASK_NAME
    assert not Page.objects.get(pk=page.pk).live


def test_contributor_cannot_skip_the_national_step(users, login, draft, submit, model_status):
    page = draft(users.ee_contributor)
    submit(users.ee_contributor, page)
    task_state = Page.objects.get(pk=page.pk).current_workflow_state.current_task_state
    response = login(users.ee_contributor).post(
        action_url(page, "approve", task_state), {"comment": ""}
    )
    assert denied(response)
    assert current_task_name(page) == roles.NATIONAL_TASK_NAME


def upload_image(title, collection):
    Image = get_image_model()
    return Image.objects.create(
        title=title, collection=collection,
        file=SimpleUploadedFile(f"{title}.jpg", render_jpeg("tower"), content_type="image/jpeg"),
    )


def test_media_follow_the_country_split(users, login, campaign):
    ee_image = upload_image("ee-photo", Collection.objects.get(name="EE"))
    lv_image = upload_image("lv-photo", Collection.objects.get(name="LV"))
    client = login(users.ee_contributor)
    html = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "ee-photo" in html
    assert "lv-photo" not in html
    assert denied(client.get(reverse("wagtailimages:edit", args=(lv_image.pk,))))
    assert client.get(reverse("wagtailimages:edit", args=(ee_image.pk,))).status_code == 200
    # The editors see every country's media.
    html = login(users.editor).get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "ee-photo" in html and "lv-photo" in html


def make_model(title, iso, status="ready"):
    from models3d.models import ThreeDModel

    return ThreeDModel.objects.create(
        title=title, file=f"models3d/originals/{title}.glb", status=status,
        collection=Collection.objects.get(name=iso),
    )


def test_contributor_cannot_pick_another_countrys_3d_models(users, login, campaign):
    make_model("ee-scan", "EE")
    lv_model = make_model("lv-scan", "LV")
    client = login(users.ee_contributor)
    html = client.get(reverse("models3d_chooser:choose")).content.decode()
    assert "ee-scan" in html
    assert "lv-scan" not in html
    assert denied(client.get(reverse("models3d_chooser:chosen", args=(lv_model.pk,))))
    html = login(users.editor).get(reverse("models3d_chooser:choose")).content.decode()
    assert "ee-scan" in html and "lv-scan" in html


def test_a_crafted_post_naming_another_countrys_model_fails_the_check(
    users, draft, submit, campaign
):
    lv_model = make_model("lv-scan", "LV")
    page = draft(users.ee_contributor, models_3d=[lv_model])
    submit(users.ee_contributor, page)
    state = Page.objects.get(pk=page.pk).current_workflow_state
    assert state.status == "needs_changes"
    assert "another Member State's collection" in state.current_task_state.comment


def test_review_lists_show_each_coordinator_only_their_country(
    users, login, draft, submit, model_status
):
    submit(users.lv_contributor, draft(users.lv_contributor, "LV", slug="lv-asset",
                                       title="Rundale Palace scan"))
    submit(users.ee_contributor, draft(users.ee_contributor, "EE", slug="ee-asset",
                                       title="Kiek in de Kok scan"))
    html = login(users.ee_coordinator).get(reverse("wagtailadmin_home")).content.decode()
    assert "Kiek in de Kok scan" in html
    assert "Rundale Palace scan" not in html
    html = login(users.lv_coordinator).get(reverse("wagtailadmin_home")).content.decode()
    assert "Rundale Palace scan" in html
    assert "Kiek in de Kok scan" not in html
