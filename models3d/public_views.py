"""Public pages for one 3D model: a standalone viewer page and an iframe embed.

A model is public once a live page uses it (Wagtail's reference index knows); before that only
admin users who may change or choose it can open these pages, so drafts do not leak.
"""

from csp.decorators import csp_replace
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.clickjacking import xframe_options_exempt
from wagtail.models import Page, ReferenceIndex

from .models import ThreeDModel
from .permissions import permission_policy


def used_on_live_page(model: ThreeDModel) -> bool:
    page_ct = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(model).filter(
        base_content_type=page_ct).values_list("object_id", flat=True)
    return Page.objects.live().filter(pk__in=[int(i) for i in ids if str(i).isdigit()]).exists()


def _visible(request, pk: int) -> ThreeDModel:
    model = get_object_or_404(ThreeDModel, pk=pk)
    user = request.user
    if user.is_authenticated and any(
        permission_policy.user_has_permission_for_instance(user, action, model)
        for action in ("change", "choose")
    ):
        return model
    if model.is_ready and used_on_live_page(model):
        return model
    raise Http404


def model_page(request, pk: int):
    model = _visible(request, pk)
    return TemplateResponse(request, "models3d/model_page.html", {"model": model})


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})  # embedded by oEmbed consumers and Europeana.eu
def model_embed(request, pk: int):
    model = _visible(request, pk)
    return TemplateResponse(request, "models3d/embed.html", {"model": model})
