"""The campaign dashboard: counts match the database for a seeded mix of states."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState

from campaign import roles
from campaign.choices import MEMBER_STATE_CODES
from twinit_pages.models import HeritageAssetPage, MemberStatePage
from workflows.dashboard import CSV_HEADER, compute_rows
from workflows.models import ReadinessCheckTaskState

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(users, draft, submit, act, model_status, state):
    """EE: draft, readiness failed, national review, Europeana review, changes requested,
    published through the workflow (plus the demo's live asset); LV: a draft; an EE asset
    translated into French (counted once)."""
    draft(users.ee_contributor, slug="ee-draft")
    model_status["status"] = None
    submit(users.ee_contributor, draft(users.ee_contributor, slug="ee-not-ready"))
    model_status["status"] = "ready"
    submit(users.ee_contributor, draft(users.ee_contributor, slug="ee-national"))
    europeana = draft(users.ee_contributor, slug="ee-europeana")
    submit(users.ee_contributor, europeana)
    act(users.ee_coordinator, europeana, "approve")
    changes = draft(users.ee_contributor, slug="ee-changes")
    submit(users.ee_contributor, changes)
    act(users.ee_coordinator, changes, "reject", comment="More photos, please.")
    published = draft(users.ee_contributor, slug="ee-published")
    submit(users.ee_contributor, published)
    act(users.ee_coordinator, published, "approve")
    act(users.editor, published, "approve")
    draft(users.lv_contributor, "LV", slug="lv-draft")
    demo_ee = HeritageAssetPage.objects.child_of(state("EE")).live().first()
    demo_ee.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)


def expected_from_database():
    """Recount each country's assets page by page, the slow obvious way."""
    from twinit_pages.models import MemberStatePage

    expected = {iso: dict.fromkeys(
        ["total", "draft", "readiness_failed", "national_review", "europeana_review",
         "changes_requested", "published"], 0) for iso in MEMBER_STATE_CODES}
    seen = set()
    for page in HeritageAssetPage.objects.order_by("id"):
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        iso = MemberStatePage.objects.get(pk=page.get_parent().pk).iso_code
        counts = expected[iso]
        counts["total"] += 1
        if page.live:
            counts["published"] += 1
        state = page.current_workflow_state
        if state is None:
            if not page.live:
                counts["draft"] += 1
            continue
        task = state.current_task_state.task.name
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            key = "readiness_failed" if task == roles.READINESS_TASK_NAME else "changes_requested"
        else:
            key = {roles.NATIONAL_TASK_NAME: "national_review",
                   roles.EUROPEANA_TASK_NAME: "europeana_review"}[task]
        counts[key] += 1
    return expected


def test_counts_match_the_database(seeded):
    rows = {row.iso_code: row for row in compute_rows()}
    assert len(rows) == 27
    expected = expected_from_database()
    for iso, row in rows.items():
        assert {"total": row.total, **row.counts} == expected[iso], iso
        assert row.target_met == (expected[iso]["published"] >= 1)
    ee = rows["EE"]
    assert ee.counts == {"draft": 1, "readiness_failed": 1, "national_review": 1,
                         "europeana_review": 1, "changes_requested": 1, "published": 2}
    assert ee.total == 7
    assert rows["LV"].counts["draft"] == 1 and rows["LV"].target_met
    assert rows["CY"].total == 0 and not rows["CY"].target_met
    # Predicted tiers: one per asset that went through the readiness check (its latest result).
    ee_assets = {str(pk) for pk in HeritageAssetPage.objects.child_of(
        MemberStatePage.objects.get(iso_code="EE", locale__language_code="en")
    ).values_list("pk", flat=True)}
    checked = set(ReadinessCheckTaskState.objects.filter(
        workflow_state__object_id__in=ee_assets
    ).values_list("workflow_state__object_id", flat=True))
    assert sum(ee.content_tiers.values()) == len(checked)
    assert sum(ee.metadata_tiers.values()) == len(checked)


def test_target_met_needs_a_live_asset_with_a_ready_model(campaign, state):
    from models3d.models import ThreeDModel

    riga = HeritageAssetPage.objects.child_of(state("LV")).live().get()
    assert {row.iso_code: row for row in compute_rows()}["LV"].target_met
    for model in riga.three_d_models():
        ThreeDModel.objects.filter(pk=model.pk).update(status=ThreeDModel.Status.FAILED)
    lv = {row.iso_code: row for row in compute_rows()}["LV"]
    assert lv.counts["published"] == 1 and not lv.target_met


def test_editors_see_every_country_others_their_own(seeded, users, login):
    client = login(users.editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert html.count("data-country=") == 27
    assert 'data-country="AT"' in html

    for user, iso in ((users.ee_coordinator, "EE"), (users.lv_contributor, "LV")):
        html = login(user).get(reverse("wagtailadmin_home")).content.decode()
        assert html.count("data-country=") == 1
        assert f'data-country="{iso}"' in html

    html = login(users.translator).get(reverse("wagtailadmin_home")).content.decode()
    assert "twinit-campaign-dashboard" not in html


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_download_matches_the_panel(seeded, users, login):
    rows = read_csv(login(users.editor).get(reverse("twinit_dashboard_csv")))
    assert len(rows) == 27
    assert list(rows[0]) == CSV_HEADER
    ee = next(row for row in rows if row["iso_code"] == "EE")
    assert ee["assets"] == "7" and ee["published"] == "2" and ee["target_met"] == "yes"
    assert ee["readiness_failed"] == "1" and ee["europeana_review"] == "1"
    cy = next(row for row in rows if row["iso_code"] == "CY")
    assert cy["assets"] == "0" and cy["target_met"] == "no"

    rows = read_csv(login(users.ee_coordinator).get(reverse("twinit_dashboard_csv")))
    assert [row["iso_code"] for row in rows] == ["EE"]
    assert read_csv(login(users.translator).get(reverse("twinit_dashboard_csv"))) == []


def test_csv_needs_an_admin_login(client, campaign):
    response = client.get(reverse("twinit_dashboard_csv"))
    assert response.status_code == 302
    assert "/login/" in response.url


def test_each_assets_counts_once_across_translations(seeded):
    fr_copies = HeritageAssetPage.objects.filter(locale__language_code="fr")
    assert fr_copies.count() == 1
    assert Page.objects.filter(translation_key=fr_copies.get().translation_key).count() == 2


def test_demo_counts_equal_the_recount(campaign):
    """On the demo as loaded, the SQL aggregates give exactly the page-by-page figures."""
    rows = {row.iso_code: row for row in compute_rows()}
    expected = expected_from_database()
    assert sum(row.total for row in rows.values()) == sum(e["total"] for e in expected.values())
    for iso, row in rows.items():
        assert {"total": row.total, **row.counts} == expected[iso], iso
        assert row.target_met == (expected[iso]["published"] >= 1), iso


def test_dashboard_queries_do_not_grow_with_assets(campaign, users, draft, submit,
                                                   model_status):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            compute_rows()
        return len(captured)

    before = queries()
    for i in range(12):
        page = draft(users.ee_contributor, slug=f"ee-bulk-{i}")
        if i % 2:
            submit(users.ee_contributor, page)
    assert queries() == before
