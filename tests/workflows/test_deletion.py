"""Nothing a live page shows is deleted (but by a superuser), and drafts are deleted only by their
author while not in review: crafted requests, each asserting refusal and that nothing changed."""

import pytest
from django.db import transaction
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from models3d.models import ThreeDModel
from tests.workflows.conftest import asset_post, edit_url, institution_id
from twinit_pages.models import HeritageAssetPage, Institution

pytestmark = pytest.mark.django_db


def publish_with_model(page, model):
    """Publish ``page`` showing ``model`` (as approval would)."""
    page = page.specific
    page.models_3d = [("model", {"model": model, "caption": "", "camera_orbit": "",
                                 "annotations": []})]
    page.save_revision().publish()
    return page


@pytest.fixture
def live_ee(state):
    page = HeritageAssetPage.objects.child_of(state("EE")).live().first()
    assert page.gallery_images.exists()
    return page


@pytest.fixture
def model_in_use(live_ee, users):
    model = ThreeDModel.objects.create(
        title="Town hall scan", file="models3d/originals/town-hall.glb", status="ready",
        collection=Collection.objects.get(name="EE"), uploaded_by=users.ee_contributor)
    publish_with_model(live_ee, model)
    return model


def test_model_used_by_live_page_is_kept(model_in_use, live_ee, users, login, django_user_model):
    url = reverse("models3d:delete", args=[model_in_use.pk])
    for user in (users.ee_coordinator, users.editor):
        client = login(user)
        response = client.get(url)
        assert response.status_code == 403
        body = response.content.decode()
        assert live_ee.title in body and "unpublished first" in body  # where, and what to do
        assert client.post(url).status_code == 403
        assert ThreeDModel.objects.filter(pk=model_in_use.pk).exists()
    # The uploader (a contributor) has no delete right at all.
    client = login(users.ee_contributor)
    assert client.post(url).status_code in (302, 403)
    assert ThreeDModel.objects.filter(pk=model_in_use.pk).exists()
    assert HeritageAssetPage.objects.get(pk=live_ee.pk).three_d_models() == [model_in_use]
    # A superuser may (the refusal is a safeguard, not a lock).
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    assert login(admin).post(url).status_code == 302
    assert not ThreeDModel.objects.filter(pk=model_in_use.pk).exists()


def test_model_used_only_by_a_draft_can_be_deleted(users, login, draft, model_status):
    page = draft(users.ee_contributor, "EE", slug="draft-with-model")
    model = model_status.models("EE")[0]
    assert not page.live
    client = login(users.ee_coordinator)
    assert client.post(reverse("models3d:delete", args=[model.pk])).status_code == 302
    assert not ThreeDModel.objects.filter(pk=model.pk).exists()


def test_image_used_by_live_page_is_kept_in_single_and_bulk_delete(live_ee, users, login):
    image = live_ee.gallery_images.first().image
    client = login(users.editor)
    url = reverse("wagtailimages:delete", args=[image.pk])
    response = client.get(url)
    assert response.status_code == 403 and live_ee.title in response.content.decode()
    assert client.post(url).status_code == 403
    bulk = reverse("wagtail_bulk_action", args=("wagtailimages", "image", "delete"))
    response = client.post(f"{bulk}?id={image.pk}")
    assert response.status_code == 403
    # The multiple-upload "delete" endpoint takes any image id: refused by the backstop (the
    # admin turns the PermissionDenied into a redirect with a message). The refusal rolls back
    # the delete's transaction; the savepoint stands for the request's own transaction.
    multiple = reverse("wagtailimages:delete_multiple", args=[image.pk])
    with transaction.atomic():
        assert client.post(multiple).status_code in (302, 403)
    assert get_image_model().objects.filter(pk=image.pk).exists()


def test_institution_of_live_page_is_kept(live_ee, users, login):
    institution = Institution.objects.get(pk=live_ee.specific.institution_id)
    client = login(users.editor)
    url = reverse("wagtailsnippets_twinit_pages_institution:delete", args=[institution.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Institution.objects.filter(pk=institution.pk).exists()


def _submit(client, page, model_status):
    return client.post(edit_url(page), asset_post(
        institution_id("EE"), action="action-submit", slug=page.slug, title=page.title,
        models_3d=model_status.models("EE")))


def test_drafts_are_deleted_by_their_author_only_and_not_in_review(
    users, login, draft, model_status
):
    mine = draft(users.ee_contributor, "EE", slug="mine")
    delete = reverse("wagtailadmin_pages:delete", args=[mine.pk])
    # Another contributor and the coordinator of the same country: refused.
    for user in (users.ee_contributor2, users.ee_coordinator):
        client = login(user)
        client.post(delete)
        assert HeritageAssetPage.objects.filter(pk=mine.pk).exists()
    # In review: refused even to its author.
    client = login(users.ee_contributor)
    _submit(client, mine, model_status)
    assert Page.objects.get(pk=mine.pk).current_workflow_state is not None
    response = client.post(delete, follow=True)
    assert HeritageAssetPage.objects.filter(pk=mine.pk).exists()
    assert "in review" in response.content.decode()
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    client.post(f"{bulk}?id={mine.pk}")
    assert HeritageAssetPage.objects.filter(pk=mine.pk).exists()
    # A draft of its own, not in review: the author may delete it.
    other = draft(users.ee_contributor, "EE", slug="scrap")
    client = login(users.ee_contributor)
    assert client.post(reverse("wagtailadmin_pages:delete", args=[other.pk])).status_code == 302
    assert not HeritageAssetPage.objects.filter(pk=other.pk).exists()
