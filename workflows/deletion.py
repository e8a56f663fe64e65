"""What may be deleted, by whom: nothing a live page shows, and no one else's or reviewed draft.

- A 3D model, image or institution used by a live page is deleted by a superuser only: the
  public page would silently lose its viewer, picture or data provider (and the API would list
  ``models: []``). Everyone else is told where it is used and what to do instead.
- Below Europeana, a page is deleted only by its own author, only while it was never published
  and is not in review: a coordinator's or another contributor's draft is their work, and a
  draft in review is the reviewer's to return.

Where it is used comes from Wagtail's reference index, built from each page's row — the live
content of a live page — so it answers "what does the public page show".
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, ReferenceIndex

from campaign import roles


def live_pages_using(obj):
    """Live pages whose published content uses ``obj`` (a model, image or institution)."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(obj).filter(
        base_content_type=page_type
    ).values_list("object_id", flat=True)
    return list(Page.objects.filter(pk__in=[int(i) for i in ids], live=True).order_by("title"))


def in_use_refusal(user, obj):
    """None if ``user`` may delete ``obj``, else the live pages that keep it (a list)."""
    if user is not None and user.is_superuser:
        return None
    pages = live_pages_using(obj)
    return pages or None


IN_USE_ADVICE = gettext_lazy(
    "It is shown by published pages, so it cannot be deleted. Replace it on these pages with "
    "another one (and have the change approved), or have the pages unpublished first."
)


def page_delete_refusal(user, page):
    """None if ``user`` may delete ``page``, else the reason (a sentence to show them)."""
    if user.is_superuser or roles.is_europeana_editor(user):
        return None
    if page.live or page.first_published_at:
        return _("A published page cannot be deleted; ask Europeana to unpublish it.")
    if page.owner_id != user.pk:
        return _("Only its author can delete this draft.")
    state = page.current_workflow_state
    if state is not None and state.status in (state.STATUS_IN_PROGRESS,):
        return _("This draft is in review and cannot be deleted. Ask the reviewer to return it "
                 "to you first.")
    return None


def cannot_delete_response(request, obj, pages):
    """The refusal page: what is used, by which published pages, and what to do instead."""
    return TemplateResponse(request, "workflows/admin/cannot_delete.html", {
        "object": obj, "pages": pages, "advice": IN_USE_ADVICE,
        "header_title": _("“%(name)s” cannot be deleted") % {"name": obj},
    }, status=403)


def in_use_response(request, obj):
    """The refusal page if the user may not delete ``obj`` because a live page uses it."""
    pages = in_use_refusal(request.user, obj)
    return cannot_delete_response(request, obj, pages) if pages else None


class InUseProtectedDeleteMixin:
    """For Wagtail's generic delete views: refuse (on the confirmation page already) to delete
    what a live page uses. Permission checks of the view run first (dispatch)."""

    def _refusal(self):
        return in_use_response(self.request, self.object)

    def get(self, request, *args, **kwargs):
        return self._refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refusal() or super().post(request, *args, **kwargs)


def refuse_deleting_in_use(sender, instance, **kwargs):
    """``pre_delete`` backstop for every other path (bulk actions, multiple upload, API): the
    admin user of the request (if any) may not delete what a live page uses."""
    from workflows.confidentiality import current_user

    user = current_user.get()
    if user is not None and in_use_refusal(user, instance):
        raise PermissionDenied(IN_USE_ADVICE)


def connect():
    from django.db.models.signals import pre_delete
    from wagtail.images import get_image_model

    from models3d.models import ThreeDModel
    from twinit_pages.models import Institution

    for model in (ThreeDModel, get_image_model(), Institution):
        pre_delete.connect(refuse_deleting_in_use, sender=model,
                           dispatch_uid=f"twinit_in_use_{model._meta.label_lower}")
