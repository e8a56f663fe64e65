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
from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    Exists,
    Max,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Cast, Left, Length
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Page, WorkflowState

from campaign import geography, roles
from campaign.choices import MEMBER_STATES

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
    content_tiers: Counter = field(default_factory=Counter)
    metadata_tiers: Counter = field(default_factory=Counter)

    target_count: int = 0

    @property
    def target_met(self):
        return self.target_count >= 1

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


def target_filter():
    """Which assets count towards a Member State's target: live assets that show a ready 3D
    model (one rule, one place; the dashboard counts it in SQL).

    Wagtail's reference index records what each page row uses; a live page's row holds its live
    version (drafts of live pages stay in revisions), so this is what readers see.
    """
    from wagtail.models import ReferenceIndex

    from models3d.models import ThreeDModel

    ready = ThreeDModel.objects.filter(status=ThreeDModel.Status.READY).annotate(
        text_pk=Cast("pk", CharField())
    ).values("text_pk")
    uses_ready_model = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
        to_content_type=ContentType.objects.get_for_model(ThreeDModel),
        to_object_id__in=ready,
    )
    return Q(live=True) & Q(Exists(uses_ready_model))


def _source_assets():
    """One page per asset: the source page of each translation key."""
    from twinit_pages.models import HeritageAssetPage

    return geography.sources(Page.objects.type(HeritageAssetPage)).order_by()


def _parent_path(field="path"):
    return Left(field, Length(field) - Page.steplen)


def compute_rows(countries=None):
    """Every figure is a GROUP BY over the assets of each Member State (its page path), so the
    dashboard costs the same few queries at 50 assets and at 50,000."""
    from workflows.models import NationalApprovalTask, ReadinessCheckTask, ReadinessCheckTaskState

    rows = {iso: Row(iso, str(name)) for iso, name in MEMBER_STATES
            if countries is None or iso in countries}
    country_of_path = {
        path: iso for path, iso in geography.countries_by_path().items() if iso in rows
    }
    # Assets are counted by their parent's path; parents outside `rows` are skipped below.
    assets = _source_assets()

    for parent, total, published, target in assets.annotate(parent=_parent_path()).values(
        "parent"
    ).annotate(
        total=Count("pk"), published=Count("pk", filter=Q(live=True)),
        target=Count("pk", filter=target_filter()),
    ).values_list("parent", "total", "published", "target"):
        row = _row(rows, country_of_path, parent)
        if row is None:
            continue
        row.total += total
        row.counts["published"] += published
        row.counts["draft"] += total - published
        row.target_count += target

    # Assets in a workflow: few compared with the collection; each looked up by primary key.
    task_kind = {
        ContentType.objects.get_for_model(ReadinessCheckTask).pk: "readiness",
        ContentType.objects.get_for_model(NationalApprovalTask).pk: "national",
        ContentType.objects.get_for_model(GroupApprovalTask).pk: "europeana",
    }
    page_type = ContentType.objects.get_for_model(Page)
    asset_ids = assets.annotate(text_pk=Cast("pk", CharField())).values("text_pk")
    page_of = Page.objects.filter(pk=Cast(OuterRef("object_id"), BigIntegerField()))
    for parent, live, status, task_type, count in WorkflowState.objects.filter(
        base_content_type=page_type, object_id__in=asset_ids,
        status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES),
    ).order_by().annotate(
        parent=Subquery(page_of.values(parent=_parent_path())[:1]),
        live=Subquery(page_of.values("live")[:1]),
    ).values("parent", "live", "status", "current_task_state__task__content_type").annotate(
        count=Count("pk")
    ).values_list("parent", "live", "status", "current_task_state__task__content_type",
                  "count"):
        kind = task_kind.get(task_type)
        if status == WorkflowState.STATUS_NEEDS_CHANGES:
            key = "readiness_failed" if kind == "readiness" else "changes_requested"
        else:
            key = {"national": "national_review", "europeana": "europeana_review"}.get(kind)
        row = _row(rows, country_of_path, parent)
        if key is None or row is None:
            continue
        row.counts[key] += count
        if not live:
            row.counts["draft"] -= count

    # Predicted tiers: the latest readiness result of each asset that has one.
    latest = ReadinessCheckTaskState.objects.filter(
        workflow_state__base_content_type=page_type, workflow_state__object_id__in=asset_ids,
        content_tier__isnull=False,
    ).order_by().values("workflow_state__object_id").annotate(last=Max("pk")).values("last")
    page_of = Page.objects.filter(
        pk=Cast(OuterRef("workflow_state__object_id"), BigIntegerField())
    )
    for parent, content, metadata, count in ReadinessCheckTaskState.objects.filter(
        pk__in=latest
    ).order_by().annotate(
        parent=Subquery(page_of.values(parent=_parent_path())[:1]),
    ).values("parent", "content_tier", "metadata_tier").annotate(
        count=Count("pk")
    ).values_list("parent", "content_tier", "metadata_tier", "count"):
        row = _row(rows, country_of_path, parent)
        if row is None:
            continue
        row.content_tiers[content] += count
        row.metadata_tiers[metadata or "0"] += count
    return sorted(rows.values(), key=lambda row: row.name)


def _row(rows, country_of_path, parent_path):
    """The dashboard row of a Member State page path, or None (not a Member State, not shown)."""
    return rows.get(country_of_path.get(parent_path))


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
