"""Fixtures of the workflow tests: the campaign set up, one user per role, assets in the editor."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from campaign import roles
from tests.pages.helpers import asset_post as pages_asset_post
from twinit_pages.models import HeritageAssetPage, Institution


@pytest.fixture
def users(make_user):
    return SimpleNamespace(
        ee_contributor=make_user("ee-contributor", roles.contributors("EE")),
        ee_contributor2=make_user("ee-contributor-2", roles.contributors("EE")),
        ee_coordinator=make_user("ee-coordinator", roles.coordinators("EE")),
        lv_contributor=make_user("lv-contributor", roles.contributors("LV")),
        lv_coordinator=make_user("lv-coordinator", roles.coordinators("LV")),
        editor=make_user("europeana-editor", roles.EUROPEANA_EDITORS),
        editor2=make_user("europeana-editor-2", roles.EUROPEANA_EDITORS),
        translator=make_user("translator-fr", roles.translators("fr")),
    )


@pytest.fixture
def superuser(campaign, django_user_model):
    return django_user_model.objects.create_superuser(
        "root", "root@example.org", "x", first_name="Sam", last_name="Superuser"
    )


class ModelControl:
    """Real ThreeDModels, one per country's collection, attached to every draft the test creates.

    ``control["status"] = "failed"`` sets their processing status in the database;
    ``control["status"] = None`` before creating a draft attaches no model at all.
    """

    def __init__(self):
        self.status = "ready"
        self.attach = True
        self.by_country = {}

    def __getitem__(self, key):
        return self.status if self.attach else None

    def __setitem__(self, key, value):
        self.attach = value is not None
        if value is not None:
            self.status = value
            for model in self.by_country.values():
                model.status = value
                model.save(update_fields=["status"])

    def models(self, iso="EE"):
        from models3d.models import ThreeDModel

        if not self.attach:
            return []
        if iso not in self.by_country:
            self.by_country[iso] = ThreeDModel.objects.create(
                title=f"{iso} scan", file=f"models3d/originals/{iso.lower()}-scan.glb",
                collection=Collection.objects.get(name=iso), status=self.status,
            )
        return [self.by_country[iso]]


@pytest.fixture
def model_status(campaign):
    return ModelControl()



def asset_post(institution, action=None, models_3d=(), **values):
    """The page editor's POST for a complete asset (tests.pages.helpers), plus its 3D models."""
    data = pages_asset_post(institution, action=action, **values)
    blocks = [("model", {"model": model.pk, "caption": "", "camera_orbit": "",
                         "annotations": streamfield([])}) for model in models_3d]
    extra = nested_form_data({"models_3d": streamfield(blocks)})
    if models_3d:
        data.update(extra)
    else:
        for key, value in extra.items():
            data.setdefault(key, value)
    return data


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("twinit_pages", "heritageassetpage", parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def institution_id(iso):
    return Institution.objects.filter(country=iso).values_list("pk", flat=True).first()


@pytest.fixture
def draft(login, state, request):
    """A contributor creates a draft asset in the page editor: draft(user, "EE", slug=...)."""

    def create(user, iso="EE", slug="kiek-in-de-kok", **values):
        client = login(user)
        title = values.pop("title", slug)
        if "model_status" in request.fixturenames and "models_3d" not in values:
            values["models_3d"] = request.getfixturevalue("model_status").models(iso)
        data = asset_post(institution_id(iso), slug=slug, title=title, **values)
        response = client.post(add_url(state(iso)), data)
        assert response.status_code == 302, response.context["form"].errors
        return HeritageAssetPage.objects.get(slug=slug)

    return create


@pytest.fixture
def submit(login):
    """Post the editor form with "Submit for moderation" (or another action) as a user."""

    def post(user, page, action="action-submit", **values):
        client = login(user)
        page = Page.objects.get(pk=page.pk).specific
        latest = page.get_latest_revision_as_object()
        values.setdefault("models_3d", [
            block.value["model"] for block in getattr(latest, "models_3d", [])
            if block.value.get("model")
        ])
        data = asset_post(
            latest.institution_id, action=action, slug=latest.slug, title=latest.title, **values
        )
        return client.post(edit_url(page), data)

    return post


@pytest.fixture
def act(login):
    """Approve or reject the page's current task through the workflow action URL."""

    def post(user, page, action, comment=""):
        page = Page.objects.get(pk=page.pk)
        task_state = page.current_workflow_state.current_task_state
        client = login(user)
        return client.post(action_url(page, action, task_state), {"comment": comment})

    return post


def recipients():
    """Addresses of every email sent so far, one entry per message, then clear the outbox."""
    sent = sorted(address for message in mail.outbox for address in message.to)
    mail.outbox.clear()
    return sent


def current_task_name(page):
    state = Page.objects.get(pk=page.pk).current_workflow_state
    return state.current_task_state.task.name if state else None
