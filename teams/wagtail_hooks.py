"""The "Team" page in the admin menu, shown to coordinators, Europeana editors and superusers."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from teams import rules, views


@hooks.register("register_admin_urls")
def register_team_urls():
    urls = [
        path("", views.team, name="index"),
        path("<int:user_id>/deactivate/", views.set_active, {"active": False}, name="deactivate"),
        path("<int:user_id>/reactivate/", views.set_active, {"active": True}, name="reactivate"),
    ]
    return [path("team/", include((urls, "teams"), namespace="teams"))]


class TeamMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(rules.managed_group_names(request.user))


@hooks.register("register_admin_menu_item")
def register_team_menu_item():
    return TeamMenuItem(_("Team"), reverse("teams:index"), icon_name="group", order=860)
