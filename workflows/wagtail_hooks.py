from django.urls import path
from wagtail import hooks

from workflows.dashboard import CampaignDashboardPanel, csv_view


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
    ]


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
