"""The superuser's "Publish without review": the only way past the publication gate, on record.

The reason is required and stored with the page history entry (``twinit.publish_override``),
so the history says who published what outside the campaign's sign-off, and why.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.models import Page

from workflows import gate


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why must this version go live without review?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=10, max_length=2000,
        help_text=gettext_lazy(
            "Recorded in the page history with your name. At least 10 characters."
        ),
    )


def publish_without_review(request, page_id):
    if not request.user.is_superuser:
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    revision = page.get_latest_revision()
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and revision is not None:
        gate.publish_without_review(revision, user=request.user,
                                    reason=form.cleaned_data["reason"])
        messages.success(request, _("Published without review: “%(title)s”. The reason is "
                                    "recorded in the page history.")
                         % {"title": page.get_admin_display_title()})
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "workflows/publish_override.html", {
        "page": page,
        "form": form,
        "refusal": gate.refusal(page, revision) if revision else "",
        "header_title": _("Publish without review"),
    })
