"""Wagtail's external-link chooser turns a pasted URL of one of the site's pages into a page link
and names that page by its *draft* title (``matched_page.draft_title``, in its JSON and in its
"convert to an internal link?" question). Pasting the public URL of another country's live asset
would reveal its pending changes, so the answer is rewritten with the title this user may see
(``HeritageAssetPage.get_admin_display_title``, see ``workflows.confidentiality``)."""

import json

from django.http import JsonResponse
from django.utils.html import escape
from wagtail.admin.views.chooser import ExternalLinkView
from wagtail.models import Page


class ConfidentialExternalLinkView(ExternalLinkView):
    def post(self, request, *args, **kwargs):
        return conceal_pending_title(super().post(request, *args, **kwargs))


def conceal_pending_title(response):
    if not isinstance(response, JsonResponse):
        return response
    data = json.loads(response.content)
    internal = data.get("internal") or data.get("result")
    if not isinstance(internal, dict) or "id" not in internal:
        return response
    page = Page.objects.get(pk=internal["id"]).specific
    shown = page.get_admin_display_title()
    if shown == page.draft_title:
        return response
    internal["adminTitle"] = shown
    if "html" in data:
        data["html"] = data["html"].replace(escape(page.draft_title), escape(shown))
    return JsonResponse(data)
