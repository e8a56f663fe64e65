from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.log_actions import LogFormatter

from workflows import gate
from workflows.dashboard import CampaignDashboardPanel, csv_view
from workflows.editor import page_viewset
from workflows.override import publish_without_review


@hooks.register("construct_homepage_panels")
def add_campaign_dashboard(request, panels):
    panels.append(CampaignDashboardPanel(request.user))


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    from wagtail.images.views.images import DeleteView

    from workflows.deletion import InUseProtectedDeleteMixin

    class ImageDeleteView(InUseProtectedDeleteMixin, DeleteView):
        """Wagtail's image delete, refusing images a live page shows. Registered before
        wagtail.images' own URLs (this app comes first), so it answers their delete URL."""

    return [
        path("campaign-dashboard.csv", csv_view, name="twinit_dashboard_csv"),
        path("images/<int:image_id>/delete/", ImageDeleteView.as_view(),
             name="twinit_image_delete"),
        path("publish-without-review/<int:page_id>/", publish_without_review,
             name="twinit_publish_override"),
    ]


@hooks.register("before_delete_threedmodel")
def refuse_deleting_a_model_in_use(request, model):
    """A 3D model a live page shows is deleted by a superuser only (workflows.deletion)."""
    from workflows.deletion import in_use_response

    return in_use_response(request, model)


@hooks.register("before_delete_page")
def only_own_unreviewed_drafts(request, page):
    """Below Europeana, a page is deleted by its author, unpublished and not in review."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from workflows.deletion import page_delete_refusal

    reason = page_delete_refusal(request.user, page)
    if reason:
        messages.error(request, reason)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def bulk_delete_rules(request, action_type, objects, action_class_instance):
    """Bulk delete follows the same rules as deleting one by one."""
    from django.core.exceptions import PermissionDenied
    from wagtail.models import Page

    from workflows.deletion import cannot_delete_response, in_use_refusal, page_delete_refusal

    if action_type != "delete":
        return None
    for obj in objects:
        if isinstance(obj, Page):
            if page_delete_refusal(request.user, obj):
                raise PermissionDenied
            continue
        pages = in_use_refusal(request.user, obj)
        if pages:
            return cannot_delete_response(request, obj, pages)
    return None


@hooks.register("construct_page_chooser_queryset")
def hide_other_countries_drafts(pages, request):
    """The page chooser and its search list no other country's drafts (confidentiality)."""
    from workflows.confidentiality import visible_pages

    return visible_pages(pages, request.user)


@hooks.register("register_admin_viewset")
def register_page_viewsets():
    from twinit_pages.models import (
        CampaignHomePage,
        CampaignPage,
        HeritageAssetPage,
        MemberStatePage,
    )

    return [page_viewset(model) for model in
            (CampaignHomePage, CampaignPage, MemberStatePage, HeritageAssetPage)]


@hooks.register("register_log_actions")
def register_override_log_action(actions):
    @actions.register_action(gate.OVERRIDE_ACTION)
    class PublishedWithoutReview(LogFormatter):
        label = _("Publish without review")

        def format_message(self, log_entry):
            return _("Published without review: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }


class PublishWithoutReviewMenuItem(ActionMenuItem):
    label = _("Publish without review…")
    name = "action-publish-without-review"
    icon_name = "warning"

    def get_url(self, parent_context):
        return reverse("twinit_publish_override", args=[parent_context["page"].pk])


@hooks.register("construct_page_action_menu")
def gate_the_action_menu(menu_items, request, context):
    """Pages under review offer no Publish: the last approval publishes ("Approve and
    publish"); a superuser sees "Publish without review…", which asks for a reason."""
    page = context.get("page")
    if page is None or context.get("view") not in ("edit", "revisions_revert"):
        return
    if not gate.needs_review(page):
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.is_at_final_task:
        for item in menu_items:
            if getattr(item, "name", None) == "approve":
                item.label = (_("Approve and publish with comment") if item.launch_modal
                              else _("Approve and publish"))
    if request.user.is_superuser:
        menu_items.append(PublishWithoutReviewMenuItem(order=900))
