"""setup_campaign: groups, collections, permissions and the workflow, idempotently."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    WorkflowPage,
)

from campaign import roles
from campaign.choices import MEMBER_STATE_CODES
from campaign.languages import LANGUAGE_CODES
from twinit_pages.models import CampaignHomePage, MemberStatePage
from workflows.models import NationalApprovalTask, ReadinessCheckTask

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Group.objects.count(), Collection.objects.count(), GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(), WorkflowPage.objects.count(),
    )


def test_setup_campaign_creates_everything_once(campaign):
    names = set(Group.objects.values_list("name", flat=True))
    assert roles.EUROPEANA_EDITORS in names
    for iso in MEMBER_STATE_CODES:
        assert {f"{iso} coordinators", f"{iso} contributors"} <= names
        assert Collection.objects.filter(name=iso, depth=2).count() == 1
    for code in LANGUAGE_CODES:
        assert f"Translators {code}" in names
    assert Locale.objects.count() == 24

    home = CampaignHomePage.objects.get(locale__language_code="en")
    workflow = home.get_workflow()
    assert workflow.name == roles.WORKFLOW_NAME
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task) for task in tasks[:2]] == [ReadinessCheckTask, NationalApprovalTask]
    assert list(tasks[2].groups.values_list("name", flat=True)) == [roles.EUROPEANA_EDITORS]
    assert [task.name for task in tasks] == [
        roles.READINESS_TASK_NAME, roles.NATIONAL_TASK_NAME, roles.EUROPEANA_TASK_NAME
    ]

    before = snapshot()
    call_command("setup_campaign", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == before


def test_page_permissions_are_granted_through_wagtail(campaign, state):
    ee = state("EE")
    granted = set(
        GroupPagePermission.objects.filter(page=ee).values_list(
            "group__name", "permission__codename"
        )
    )
    assert granted == {
        ("EE contributors", "add_page"), ("EE contributors", "change_page"),
        ("EE coordinators", "add_page"), ("EE coordinators", "change_page"),
    }
    editors = set(
        GroupPagePermission.objects.filter(group__name=roles.EUROPEANA_EDITORS).values_list(
            "page__depth", "permission__codename"
        )
    )
    assert {codename for _depth, codename in editors} == {
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"
    }
    assert {depth for depth, _codename in editors} == {1}
    # setup_campaign gives translators nothing on pages; the translation feature (locales app)
    # may only let "Translators xx" change pages of the xx tree, never add or publish.
    for group, language, codename in GroupPagePermission.objects.filter(
        group__name__startswith="Translators"
    ).values_list("group__name", "page__locale__language_code", "permission__codename"):
        assert group == f"Translators {language}" and codename == "change_page"
    media = set(
        GroupCollectionPermission.objects.filter(
            group__name="EE contributors"
        ).values_list("collection__name", "permission__codename")
    )
    assert ("EE", "add_image") in media and ("EE", "choose_document") in media
    assert not any(codename.startswith("delete") for _c, codename in media)
    assert {collection for collection, _codename in media} == {"EE"}


def test_a_new_member_state_page_gets_groups_collection_and_permissions(campaign, state):
    # A Member State page in another locale (a translation) gets the same country's rights, and
    # the new locale's home page gets the workflow.
    Group.objects.filter(name__in=["EE contributors", "EE coordinators"]).delete()
    Collection.objects.filter(name="EE").delete()
    french = state("EE").copy_for_translation(Locale.objects.get(language_code="fr"),
                                              copy_parents=True)
    assert Group.objects.filter(name="EE contributors").exists()
    assert Collection.objects.filter(name="EE").exists()
    for page in MemberStatePage.objects.filter(iso_code="EE"):
        assert GroupPagePermission.objects.filter(
            page=page, group__name="EE contributors", permission__codename="change_page"
        ).exists()
    assert french.get_parent().specific.get_workflow().name == roles.WORKFLOW_NAME


def test_demo_users_log_in_per_role(campaign, client):
    from workflows.demo import DEMO_PASSWORD, DEMO_USERS, create_demo_users

    assert len(create_demo_users()) == len(DEMO_USERS)
    assert create_demo_users() == []
    for username, *_rest in DEMO_USERS:
        assert client.login(username=username, password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200
