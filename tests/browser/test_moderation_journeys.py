"""Each role clicks through the real admin in Chromium; the database is checked after every click.

Screenshots of every step land in test-artifacts/ (desktop 1280 px, and phone 390 px for the
last screen of each journey) for a person to look at.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, Page, PageLogEntry, WorkflowState

from campaign import roles
from workflows import gate

pytestmark = pytest.mark.browser

PASSWORD = "journey-password"  # noqa: S105 (test users on a throw-away database)


@pytest.fixture(autouse=True)
def _database_between_clicks(monkeypatch):
    """Playwright's sync API keeps an event loop running in this thread, so Django would refuse
    the ORM. The test reads the database only between clicks, never during one."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _no_autosave(settings):
    """The editor's autosave posts in the background while the test clicks; the test database
    (SQLite in memory by default) cannot take two writers from the live server's threads.
    Autosaved reviewer edits are covered in tests/workflows/test_gate.py."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def people(live_demo, django_user_model):
    def person(username, first, last, group):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", PASSWORD, first_name=first, last_name=last
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "contributor": person("eeva", "Eeva", "Contributor", roles.contributors("EE")),
        "coordinator": person("evelin", "Evelin", "Coordinator", roles.coordinators("EE")),
        "editor": person("elena", "Elena", "Editor", roles.EUROPEANA_EDITORS),
        "translator": person("francois", "François", "Translator", roles.translators("fr")),
        "superuser": django_user_model.objects.create_superuser(
            "root", "root@example.org", PASSWORD, first_name="Sam", last_name="Superuser"),
    }


@pytest.fixture
def estonian_model(live_demo):
    """A processed 3D model in Estonia's collection (the demo's generated file, reused)."""
    from models3d.models import ThreeDModel

    model = ThreeDModel.objects.filter(status=ThreeDModel.Status.READY).first()
    model.pk = model.id = None
    model.title = "Kiek in de Kök scan"
    model.collection = Collection.objects.get(name="EE")
    model.save()
    return model


class Admin:
    """One person at a time in the admin, in one Chromium page."""

    def __init__(self, browser, url):
        self.browser = browser
        self.page = browser.page
        self.url = url
        self.shots = 0

    def login(self, user):
        self.page.context.clear_cookies()
        self.page.goto(self.url + "/admin/login/")
        self.page.fill("#id_username", user.username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.url + "/admin/")

    def edit(self, page_id):
        self.page.goto(f"{self.url}/admin/pages/{page_id}/edit/")

    def menu(self, label, comment=None):
        """Save ▾ → an item of the editor's action menu (with the comment modal if asked)."""
        self.page.click("footer .w-dropdown__toggle")
        item = self.page.locator("footer .w-dropdown__content").get_by_role(
            "button", name=label, exact=True)
        if comment is None:
            with self.page.expect_navigation():
                item.click()
        else:
            item.click()
            self.page.locator(".modal-content textarea[name=comment]").fill(comment)
            with self.page.expect_navigation():
                self.page.locator(".modal-content button[type=submit]").click()
        self.page.wait_for_load_state("networkidle")

    def menu_labels(self):
        self.page.click("footer .w-dropdown__toggle")
        labels = [b.inner_text().strip() for b in
                  self.page.locator("footer .w-dropdown__content").locator("button, a").all()]
        self.page.keyboard.press("Escape")
        return labels

    def messages(self):
        return self.page.locator(".messages").inner_text()

    def shot(self, name, phone=False):
        self.shots += 1
        self.browser.screenshot(f"journey-{name}.png")
        if phone:
            self.page.set_viewport_size({"width": 390, "height": 844})
            self.browser.screenshot(f"journey-{name}-phone.png")
            self.page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def admin(browser, live_demo):
    return Admin(browser, live_demo.url)


def create_asset(admin, model):
    """The contributor fills a new asset in the editor, picks the 3D model and submits it."""
    from twinit_pages.models import MemberStatePage

    estonia = MemberStatePage.objects.get(iso_code="EE", locale__language_code="en")
    page = admin.page
    page.goto(f"{admin.url}/admin/pages/add/twinit_pages/heritageassetpage/{estonia.pk}/")
    page.fill("#id_title", "Kiek in de Kök")
    page.fill("#id_summary", "A cannon tower of Tallinn's town wall.")
    page.locator("#panel-child-content-description-section .public-DraftEditor-content").click()
    page.keyboard.type("Built around 1475, the tower guarded the town wall.")
    page.select_option("#id_heritage_type", "monument")
    page.check("#id_priority_categories_0")
    page.click("#id_institution-chooser .chooser__choose-button")
    choice = page.locator(".modal-content a", has_text="Tallinn City Museum")
    page.wait_for_selector(".modal-content table")
    while not choice.count():
        page.locator(".modal-content a", has_text="Next").click()
        page.wait_for_timeout(300)
    choice.first.click()
    section = page.locator("#panel-child-content-models_3d-section")
    section.locator("button.c-sf-add-button").first.click()
    section.get_by_text("Choose a 3D model").click()
    page.locator(".modal-content a", has_text=model.title).first.click()
    page.wait_for_selector(".modal-content", state="detached")
    page.fill("#id_place_name", "Tallinn")
    page.fill("#id_date_display", "c. 1475")
    page.click("#tab-label-reuse_and_rights")
    page.fill("#id_reuse_statement", "To plan maintenance and offer virtual visits.")
    page.check("#id_usage_areas_0")
    page.select_option("#id_rights_uri", "http://creativecommons.org/licenses/by/4.0/")
    page.fill("#id_credit_line", "Tallinn City Museum")
    page.click("#tab-label-paradata")
    page.select_option("#id_capture_technique", "photogrammetry")
    page.select_option("#id_digital_source_type", "digitalCapture")
    page.click("#tab-label-promote")
    page.fill("#id_slug", "kiek-in-de-kok")
    page.click("#tab-label-content")
    admin.menu("Submit to Twin it! submission")


def asset_state(slug="kiek-in-de-kok"):
    """(live, workflow status, current step) of the asset, read from the database."""
    page = Page.objects.get(slug=slug, locale__language_code="en")
    state = page.current_workflow_state
    if state is None:
        return page.live, None, None
    return page.live, state.status, state.current_task_state.task.name


def test_submit_approve_in_the_editor_twice_and_it_is_live(admin, people, estonian_model):
    admin.login(people["contributor"])
    create_asset(admin, estonian_model)
    assert asset_state() == (False, WorkflowState.STATUS_IN_PROGRESS, roles.NATIONAL_TASK_NAME)
    admin.shot("1-submitted")
    page_id = Page.objects.get(slug="kiek-in-de-kok").pk

    admin.login(people["coordinator"])
    admin.edit(page_id)
    labels = admin.menu_labels()
    assert "Approve" in labels and "Publish" not in labels
    admin.menu("Approve")
    assert asset_state() == (False, WorkflowState.STATUS_IN_PROGRESS, roles.EUROPEANA_TASK_NAME)
    assert "Sent to Europeana review" in admin.messages()
    admin.shot("2-national-approved")

    admin.login(people["editor"])
    admin.edit(page_id)
    labels = admin.menu_labels()
    assert "Approve and publish" in labels and "Publish" not in labels
    admin.page.click("footer .w-dropdown__toggle")
    admin.page.wait_for_timeout(300)
    admin.shot("3-last-step-menu")
    admin.page.keyboard.press("Escape")
    admin.menu("Approve and publish")
    assert asset_state() == (True, None, None)
    assert "Published" in admin.messages()
    admin.shot("4-published", phone=True)
    live = Page.objects.get(pk=page_id)
    assert gate.refusal(live, live.live_revision) is None
    admin.page.goto(admin.url + live.url)
    assert "Kiek in de Kök" in admin.page.locator("h1").inner_text()


def test_request_changes_at_each_step(admin, people, estonian_model):
    admin.login(people["contributor"])
    create_asset(admin, estonian_model)
    page_id = Page.objects.get(slug="kiek-in-de-kok").pk

    admin.login(people["coordinator"])
    admin.edit(page_id)
    admin.menu("Request changes", comment="Please name the photographer.")
    assert asset_state() == (False, WorkflowState.STATUS_NEEDS_CHANGES, roles.NATIONAL_TASK_NAME)
    assert "Returned to Eeva Contributor with your comment" in admin.messages()
    admin.shot("changes-1-national")

    admin.login(people["contributor"])
    admin.edit(page_id)
    admin.page.click("#tab-label-paradata")
    admin.page.fill("#id_operators", "Jaan Tamm")
    admin.menu("Resubmit to National approval")
    assert asset_state() == (False, WorkflowState.STATUS_IN_PROGRESS, roles.NATIONAL_TASK_NAME)

    admin.login(people["coordinator"])
    admin.edit(page_id)
    admin.menu("Approve")
    assert asset_state() == (False, WorkflowState.STATUS_IN_PROGRESS, roles.EUROPEANA_TASK_NAME)

    admin.login(people["editor"])
    admin.edit(page_id)
    admin.menu("Request changes", comment="The licence does not match the file.")
    assert asset_state() == (False, WorkflowState.STATUS_NEEDS_CHANGES,
                             roles.EUROPEANA_TASK_NAME)
    assert "Returned to Eeva Contributor with your comment" in admin.messages()
    admin.shot("changes-2-europeana")

    # The author's new version needs every approval again, starting with the coordinators.
    admin.login(people["contributor"])
    admin.edit(page_id)
    admin.page.click("#tab-label-reuse_and_rights")
    admin.page.select_option("#id_rights_uri", "http://creativecommons.org/licenses/by-sa/4.0/")
    admin.menu("Resubmit to Europeana review")
    assert asset_state() == (False, WorkflowState.STATUS_IN_PROGRESS, roles.NATIONAL_TASK_NAME)
    admin.shot("changes-3-resubmitted", phone=True)


def test_translation_of_a_live_asset_and_a_superuser_override(admin, people, estonian_model):
    from twinit_pages.models import HeritageAssetPage

    # The translator finds a live asset in the coverage report and starts the French version.
    source = HeritageAssetPage.objects.get(slug="tallinn-town-hall")
    admin.login(people["translator"])
    admin.page.goto(f"{admin.url}/admin/translations/coverage/?country=EE&language=fr")
    admin.shot("translate-1-coverage")
    admin.page.locator(f'tr[data-asset="{source.pk}"] td[data-language="fr"] button').click()
    admin.page.wait_for_load_state("networkidle")
    french = Page.objects.get(translation_key=source.translation_key, locale__language_code="fr")
    assert not french.live
    admin.shot("translate-2-editor")
    admin.page.locator("[data-submit-translation]").first.click()
    admin.page.wait_for_load_state("networkidle")
    state = Page.objects.get(pk=french.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not Page.objects.get(pk=french.pk).live

    # French is not Estonia's language: a Europeana editor reviews it, from the dashboard.
    admin.login(people["editor"])
    approve = admin.page.locator(
        f'button[data-workflow-action-url*="/workflow/action/{french.pk}/approve/"]').first
    admin.page.locator("tr", has=approve).locator(".w-dropdown__toggle").first.click()
    admin.shot("translate-3-dashboard")
    with admin.page.expect_navigation():
        approve.click()
    admin.page.wait_for_load_state("networkidle")
    assert Page.objects.get(pk=french.pk).live
    assert "Published" in admin.messages()
    admin.page.goto(admin.url + Page.objects.get(pk=french.pk).url)
    assert admin.page.locator("html").get_attribute("lang") == "fr"
    admin.shot("translate-4-live-in-french", phone=True)

    # A superuser publishes a draft without review, giving a reason that the history keeps.
    admin.login(people["contributor"])
    create_asset(admin, estonian_model)
    draft = Page.objects.get(slug="kiek-in-de-kok")
    admin.login(people["superuser"])
    admin.edit(draft.pk)
    labels = admin.menu_labels()
    assert "Publish" not in labels and "Publish without review…" in labels
    admin.page.click("footer .w-dropdown__toggle")
    admin.page.get_by_role("link", name="Publish without review…").click()
    admin.page.fill("#id_reason", "Launch event with the minister today.")
    admin.shot("override-1-reason")
    admin.page.get_by_role("button", name="Publish without review").click()
    admin.page.wait_for_load_state("networkidle")
    assert Page.objects.get(pk=draft.pk).live
    entry = PageLogEntry.objects.get(page=draft, action=gate.OVERRIDE_ACTION)
    assert entry.data["reason"] == "Launch event with the minister today."
    admin.page.goto(f"{admin.url}/admin/pages/{draft.pk}/history/")
    assert "Launch event with the minister today." in admin.page.content()
    admin.shot("override-2-history", phone=True)
