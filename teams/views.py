"""The "Team" admin page: members of the groups the user manages, an invitation form, and
deactivate / reactivate buttons."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from teams import rules, services


class InvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150, required=False)
    group = forms.ModelChoiceField(
        label=gettext_lazy("Role"), queryset=None, empty_label=None,
        error_messages={"invalid_choice": gettext_lazy(
            "Choose one of the roles listed: you can invite people only into those.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth.models import Group

        self.fields["group"].queryset = Group.objects.filter(
            name__in=rules.managed_group_names(user))


def _require_manager(request):
    if not rules.managed_group_names(request.user):
        raise PermissionDenied


def team(request):
    _require_manager(request)
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.invite(request.user, data["email"], data["first_name"],
                                     data["last_name"], data["group"])
        except services.InvitationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _(
                "%(email)s was invited as %(role)s: they received an e-mail with a link to "
                "choose their password.") % {"email": person.email, "role": data["group"].name})
            return redirect("teams:index")
    groups = rules.managed_groups(request.user)
    members = get_user_model().objects.filter(groups__in=groups).distinct().order_by(
        "-is_active", "last_name", "first_name", "username").prefetch_related("groups")
    managed = set(rules.managed_group_names(request.user))
    rows = [{
        "person": person,
        "roles": sorted(g.name for g in person.groups.all() if g.name in managed),
        "can_manage": rules.can_manage(request.user, person),
    } for person in members]
    return TemplateResponse(request, "teams/team.html", {
        "form": form, "rows": rows, "header_title": _("Team"),
    }, status=400 if form.errors else 200)


@require_POST
def set_active(request, user_id, active):
    _require_manager(request)
    person = get_object_or_404(get_user_model(), pk=user_id)
    services.set_active(request.user, person, active)
    name = person.get_full_name() or person.username
    messages.success(request, (
        _("%(name)s can log in again.") if active else
        _("%(name)s was deactivated and can no longer log in.")) % {"name": name})
    return redirect("teams:index")
