from django.urls import path
from wagtail import hooks

from workflows.dashboard import CampaignDashboardPanel, csv_view


@hooks.register("construct_homepage_panels")
def add_campaign_dashboard(request, panels):
    panels.append(CampaignDashboardPanel(request.user))


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [path("campaign-dashboard.csv", csv_view, name="twinit_dashboard_csv")]
