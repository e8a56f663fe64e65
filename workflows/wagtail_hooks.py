from django.urls import path
from wagtail import hooks

from workflows.dashboard import CampaignDashboardPanel, csv_view


@hooks.register("construct_homepage_panels")
def add_campaign_dashboard(request, panels):
    panels.append(CampaignDashboardPanel(request.user))


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [path("campaign-dashboard.csv", csv_view, name="twinit_dashboard_csv")]


@hooks.register("construct_page_chooser_queryset")
def hide_other_countries_drafts(pages, request):
    """The page chooser and its search list no other country's drafts (confidentiality)."""
    from workflows.confidentiality import visible_pages

    return visible_pages(pages, request.user)
