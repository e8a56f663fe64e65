"""Admin journeys in Chromium: a coordinator builds their team, a translator starts from their
work list, and an editor meets the refusal to delete a 3D model a live page shows. The database
is checked after each click; screenshots (desktop and phone) land in test-artifacts/."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from campaign import roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-Passphrase-42"
User = get_user_model()


@pytest.fixture(autouse=True)
def orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in this thread; the test's own ORM calls (set-up
    and assertions on the database) are ordinary synchronous code all the same."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def person(username, group_name):
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD,
                                    first_name=username.split("-")[0].title())
    user.groups.add(Group.objects.get(name=group_name))
    return user


def log_in(page, base, username, password=PASSWORD):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def log_out(page, base):
    page.context.clear_cookies()


def shots(browser, name):
    """Desktop and phone screenshots of the current page."""
    browser.screenshot(f"{name}-desktop.png")
    browser.page.set_viewport_size({"width": 390, "height": 844})
    browser.page.wait_for_timeout(500)  # the admin's sidebar collapses with a transition
    browser.screenshot(f"{name}-phone.png")
    browser.page.set_viewport_size({"width": 1280, "height": 900})


def test_coordinator_invites_contributor_who_sets_password_then_is_deactivated(
    browser, live_demo
):
    base, page = live_demo.url, browser.page
    person("ee-coordinator", roles.coordinators("EE"))
    log_in(page, base, "ee-coordinator")
    page.click("text=Team")
    page.wait_for_url(re.compile(r".*/admin/team/$"))
    # Only their own country's contributors can be invited.
    options = page.locator("select[name=group] option").all_inner_texts()
    assert options == [roles.contributors("EE")]
    page.fill("input[name=email]", "eeva@museum.ee")
    page.fill("input[name=first_name]", "Eeva")
    page.fill("input[name=last_name]", "Tamm")
    page.click("text=Send invitation")
    page.wait_for_selector("text=they received an e-mail")
    invited = User.objects.get(email="eeva@museum.ee")
    assert invited.groups.get().name == roles.contributors("EE")
    assert not invited.has_usable_password()
    shots(browser, "team-invited")

    (message,) = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    log_out(page, base)
    page.goto(base + path)
    page.fill("input[name=new_password1]", PASSWORD)
    page.fill("input[name=new_password2]", PASSWORD)
    shots(browser, "team-set-password")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    invited.refresh_from_db()
    assert invited.check_password(PASSWORD)
    log_in(page, base, "eeva@museum.ee")
    assert page.locator("text=Campaign dashboard").count() >= 1

    log_out(page, base)
    log_in(page, base, "ee-coordinator")
    page.goto(base + "/admin/team/")
    page.locator('[data-member="eeva@museum.ee"] button', has_text="Deactivate").click()
    page.wait_for_selector("text=was deactivated")
    invited.refresh_from_db()
    assert not invited.is_active
    shots(browser, "team-deactivated")
    log_out(page, base)
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", "eeva@museum.ee")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/admin/login/" in page.url  # refused


def test_translator_starts_from_the_work_list(browser, live_demo):
    from twinit_pages.models import HeritageAssetPage

    base, page = live_demo.url, browser.page
    person("translator-fr", roles.translators("fr"))
    log_in(page, base, "translator-fr")
    assert page.get_by_role("heading", name="Translate into French").count() == 1
    rows = page.locator("[data-translation-work] [data-work]")
    assert rows.count() > 0
    shots(browser, "translator-start")
    first = rows.first
    source_pk = int(first.get_attribute("data-work").split("-")[0])
    first.locator("button", has_text="Translate").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"), wait_until="domcontentloaded",
                      timeout=120_000)  # wagtail-localize's editor is a heavy page
    translated_pk = int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))
    source = HeritageAssetPage.objects.filter(pk=source_pk).first() or None
    from wagtail.models import Page

    french = Page.objects.get(pk=translated_pk)
    assert french.locale.language_code == "fr" and not french.live
    assert french.translation_key == Page.objects.get(pk=source_pk).translation_key
    assert source is None or source.live
    browser.screenshot("translator-editor-desktop.png")
    page.goto(base + "/admin/")
    assert page.locator(f'[data-work="{source_pk}-fr"]').count() == 0


def test_editor_cannot_delete_a_model_a_live_page_shows(browser, live_demo):
    from models3d.models import ThreeDModel
    from twinit_pages.models import HeritageAssetPage

    base, page = live_demo.url, browser.page
    live, model = next(
        (asset, asset.three_d_models()[0]) for asset in HeritageAssetPage.objects.live()
        if asset.three_d_models()
    )
    person("europeana-editor", roles.EUROPEANA_EDITORS)
    log_in(page, base, "europeana-editor")
    page.goto(base + f"/admin/models3d/delete/{model.pk}/")
    page.wait_for_selector("[data-cannot-delete]")
    text = page.inner_text("[data-cannot-delete]")
    assert live.title in text and "unpublished first" in text
    assert page.locator("button", has_text="Yes, delete").count() == 0
    shots(browser, "delete-in-use")
    assert ThreeDModel.objects.filter(pk=model.pk).exists()
