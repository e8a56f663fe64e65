"""The campaign dashboard: one row per Member State with its assets by workflow state.

Each asset counts once, however many translations it has (the first page of a translation key,
i.e. the source, stands for it). States are read from Wagtail's workflow records:

- ``published``: the asset is live (an already published asset whose edit is under review is
  also counted in that review column);
- ``draft``: not live and no workflow in progress (never submitted, or cancelled);
- ``readiness_failed``: returned by the automated readiness check;
- ``national_review`` / ``europeana_review``: waiting at that task;
- ``changes_requested``: returned by a coordinator or an editor.

Predicted tiers come from the latest readiness check of each asset (the stored result of
``europeana.tiers.predict`` at submission); assets never checked have no prediction.
"""

import csv
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Page, WorkflowState

from twinit_pages.choices import MEMBER_STATES
from workflows import roles

STATES = (
    ("draft", _("Draft")),
    ("readiness_failed", _("Readiness failed")),
    ("national_review", _("National review")),
    ("europeana_review", _("Europeana review")),
    ("changes_requested", _("Changes requested")),
    ("published", _("Published")),
)
CONTENT_TIERS = (1, 2, 3, 4)
METADATA_TIERS = ("0", "A", "B", "C")


@dataclass
class Row:
    iso_code: str
    name: str
    total: int = 0
    counts: dict = field(default_factory=lambda: {key: 0 for key, _label in STATES})
    live_with_ready_model: int = 0
    content_tiers: Counter = field(default_factory=Counter)
    metadata_tiers: Counter = field(default_factory=Counter)

    @property
    def target_met(self):
        """The campaign's target: at least one live asset that shows a ready 3D model."""
        return self.live_with_ready_model >= 1

    def state_cells(self):
        return [self.counts[key] for key, _label in STATES]

    @staticmethod
    def _summary(counter, order):
        return ", ".join(f"{tier}: {counter[tier]}" for tier in order if counter[tier])

    @property
    def content_tier_summary(self):
        return self._summary(self.content_tiers, sorted(CONTENT_TIERS, reverse=True))

    @property
    def metadata_tier_summary(self):
        return self._summary(self.metadata_tiers, tuple(reversed(METADATA_TIERS)))


def _assets_by_country():
    """{page id: iso code} for every asset (one page per translation key)."""
    from twinit_pages.models import HeritageAssetPage, MemberStatePage

    country_of_path = dict(MemberStatePage.objects.values_list("path", "iso_code"))
    first = {}
    for page_id, path, key in HeritageAssetPage.objects.values_list(
        "id", "path", "translation_key"
    ).order_by("id"):
        iso = country_of_path.get(path[: -Page.steplen])
        if iso and key not in first:
            first[key] = (page_id, iso)
    return dict(first.values())


def live_with_ready_model(page_ids):
    """The ids among ``page_ids`` whose live version uses a ready 3D model.

    Wagtail's reference index records what each page row uses; a live page's row holds its live
    version (drafts of live pages stay in revisions), so this is what readers see.
    """
    from django.db.models.functions import Cast as CastTo
    from wagtail.models import ReferenceIndex

    from models3d.models import ThreeDModel

    ready = ThreeDModel.objects.filter(status=ThreeDModel.Status.READY).annotate(
        str_id=CastTo("pk", CharField())
    ).values("str_id")
    return {
        int(object_id) for object_id in ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in page_ids],
            to_content_type=ContentType.objects.get_for_model(ThreeDModel),
            to_object_id__in=ready,
        ).values_list("object_id", flat=True)
    }


def compute_rows(countries=None):
    from twinit_pages.models import HeritageAssetPage
    from workflows.models import NationalApprovalTask, ReadinessCheckTask, ReadinessCheckTaskState

    rows = {iso: Row(iso, str(name)) for iso, name in MEMBER_STATES
            if countries is None or iso in countries}
    assets = {pk: iso for pk, iso in _assets_by_country().items() if iso in rows}
    live = set(
        HeritageAssetPage.objects.filter(pk__in=assets, live=True).values_list("pk", flat=True)
    )
    ready = live_with_ready_model(live)
    task_kind = {
        ContentType.objects.get_for_model(ReadinessCheckTask).pk: "readiness",
        ContentType.objects.get_for_model(NationalApprovalTask).pk: "national",
        ContentType.objects.get_for_model(GroupApprovalTask).pk: "europeana",
    }
    page_type = ContentType.objects.get_for_model(Page)
    ids = [str(pk) for pk in assets]
    active = {}
    for object_id, status, task_type in WorkflowState.objects.filter(
        base_content_type=page_type, object_id__in=ids,
        status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES),
    ).values_list("object_id", "status", "current_task_state__task__content_type"):
        kind = task_kind.get(task_type)
        if status == WorkflowState.STATUS_NEEDS_CHANGES:
            active[int(object_id)] = (
                "readiness_failed" if kind == "readiness" else "changes_requested"
            )
        elif kind == "national":
            active[int(object_id)] = "national_review"
        elif kind == "europeana":
            active[int(object_id)] = "europeana_review"
    tiers = {}
    for object_id, content, metadata in ReadinessCheckTaskState.objects.filter(
        workflow_state__base_content_type=page_type, workflow_state__object_id__in=ids,
        content_tier__isnull=False,
    ).order_by("started_at", "id").values_list(
        "workflow_state__object_id", "content_tier", "metadata_tier"
    ):
        tiers[int(object_id)] = (content, metadata or "0")

    for pk, iso in assets.items():
        row = rows[iso]
        row.total += 1
        if pk in live:
            row.counts["published"] += 1
            row.live_with_ready_model += pk in ready
        if pk in active:
            row.counts[active[pk]] += 1
        elif pk not in live:
            row.counts["draft"] += 1
        if pk in tiers:
            row.content_tiers[tiers[pk][0]] += 1
            row.metadata_tiers[tiers[pk][1]] += 1
    return sorted(rows.values(), key=lambda row: row.name)


def rows_for_user(user):
    countries = roles.visible_countries(user)
    return compute_rows(countries) if countries else []


CSV_HEADER = (
    ["iso_code", "member_state", "assets"]
    + [key for key, _label in STATES]
    + ["target_met"]
    + [f"content_tier_{tier}" for tier in CONTENT_TIERS]
    + [f"metadata_tier_{tier}" for tier in METADATA_TIERS]
)


def csv_view(request):
    """The dashboard as CSV, limited to the rows the user may see."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="twinit-campaign-dashboard.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for row in rows_for_user(request.user):
        writer.writerow(
            [row.iso_code, row.name, row.total]
            + row.state_cells()
            + ["yes" if row.target_met else "no"]
            + [row.content_tiers[tier] for tier in CONTENT_TIERS]
            + [row.metadata_tiers[tier] for tier in METADATA_TIERS]
        )
    return response


class CampaignDashboardPanel(Component):
    name = "twinit_campaign_dashboard"
    template_name = "workflows/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        rows = rows_for_user(self.user)
        context.update({
            "rows": rows,
            "states": STATES,
            "all_countries": roles.is_europeana_editor(self.user),
            "met": sum(row.target_met for row in rows),
        })
        return context
