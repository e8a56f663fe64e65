"""Admin views: the 3D library (ModelViewSet), a resumable chunked upload, and the chooser.

Uploads arrive in chunks of a few MB and wait in the staging store (``models3d.staging``), so
a slow or interrupted connection can resume where it stopped. When the last chunk is in, the
file is validated synchronously: a refusal is shown at once and leaves no file in storage and no
row; an accepted model is stored and queued for background processing.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import chooser as chooser_views

from . import staging
from .forms import UploadForm
from .models import ThreeDModel
from .permissions import permission_policy
from .processing import ModelRejected
from .processing.formats import UPLOAD_EXTENSIONS
from .processing.limits import human_size, upload_refusal
from .services import accept_upload, limits_from_settings

logger = logging.getLogger(__name__)

# Shown to the uploader when the server cannot write (disk full, storage down); the details
# (paths, errno) go to the log only.
STORAGE_ERROR = ("The server could not store the file (its storage is full or unavailable). "
                 "Nothing was kept; try again later or tell the site team.")


def _require_add(request):
    if not permission_policy.user_has_permission(request.user, "add"):
        raise PermissionDenied


def _staged(request, upload_id: str) -> tuple[Path, dict]:
    try:
        return staging.find(request.user.pk, upload_id)
    except staging.UnknownUpload:
        raise Http404 from None


def _check_name_and_size(name: str, size: int) -> str | None:
    refusal = upload_refusal(name, size, limits_from_settings())
    return refusal.message if refusal else None


@require_http_methods(["POST"])
def upload_start(request):
    _require_add(request)
    name = Path(request.POST.get("name", "")).name
    try:
        size = int(request.POST.get("size", "-1"))
    except ValueError:
        return HttpResponseBadRequest("size")
    error = _check_name_and_size(name, size)
    if error:
        return JsonResponse({"error": error}, status=400)
    upload_id = staging.start(request.user.pk, name, size)
    return JsonResponse({"upload_id": upload_id, "received": 0})


@require_http_methods(["GET", "POST"])
def upload_chunk(request, upload_id):
    """GET: how many bytes arrived (to resume). POST: raw bytes to append at ``?offset=``."""
    _require_add(request)
    part, meta = _staged(request, upload_id)
    received = part.stat().st_size
    if request.method == "GET":
        return JsonResponse({"received": received, "size": meta["size"]})
    try:
        offset = int(request.GET.get("offset", "-1"))
    except ValueError:
        return HttpResponseBadRequest("offset")
    try:
        received = staging.append(part, meta["size"], offset, request)
    except staging.OffsetMismatch as mismatch:
        # The client retried a chunk that had (partly) arrived: tell it where to continue.
        return JsonResponse({"received": mismatch.received, "size": meta["size"]}, status=409)
    except staging.TooMuchData:
        return JsonResponse({"error": _("More data than announced.")}, status=400)
    except OSError:
        logger.exception("Could not store an upload chunk")
        return JsonResponse({"error": STORAGE_ERROR, "received": offset}, status=507)
    return JsonResponse({"received": received, "size": meta["size"]})


def _accept(request, form, staged: Path, name: str):
    data = form.cleaned_data
    try:
        instance = accept_upload(
            staged, name, title=data.get("title") or "", collection=data.get("collection"),
            user=request.user, description=data.get("description") or "",
            rights_uri=data.get("rights_uri") or "", credit_line=data.get("credit_line") or "",
        )
    except ModelRejected as exc:
        return None, exc.message
    except OSError:
        logger.exception("Could not store an uploaded 3D model")
        return None, STORAGE_ERROR
    return instance, None


@require_http_methods(["POST"])
def upload_finish(request, upload_id):
    _require_add(request)
    part, meta = _staged(request, upload_id)
    if part.stat().st_size != meta["size"]:
        return JsonResponse({"error": _("The upload is incomplete."),
                             "received": part.stat().st_size}, status=409)
    form = UploadForm(request.POST, user=request.user)
    if not form.is_valid():
        return JsonResponse({"error": form.errors.as_text()}, status=400)
    try:
        instance, error = _accept(request, form, part, meta["name"])
    finally:
        staging.discard(upload_id)
    if error:
        return JsonResponse({"error": error}, status=507 if error == STORAGE_ERROR else 400)
    return JsonResponse({
        "id": instance.pk, "status": instance.status,
        "edit_url": reverse("models3d:edit", args=[instance.pk]),
    })


def _refuse_oversized_body(request):
    """Refuse a plain upload larger than the limit from its Content-Length, before Django parses
    (and spools to disk) a body of possibly gigabytes only to refuse it afterwards."""
    if request.method != "POST":
        return None
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = settings.THREED_MAX_UPLOAD_BYTES
    if length <= limit + 1024 * 1024:  # the form fields and multipart boundaries
        return None
    message = _("The upload (%(size)s) is larger than the maximum of %(max)s.") % {
        "size": human_size(length), "max": human_size(limit)}
    request.upload_handlers = []  # nothing of the body is read or stored
    return TemplateResponse(request, "models3d/admin/upload.html", {
        "form": UploadForm(user=request.user), "error": message, "max_bytes": limit,
        "chunk_bytes": settings.THREED_UPLOAD_CHUNK_BYTES,
        "accept": ",".join(UPLOAD_EXTENSIONS),
        "header_icon": "media", "page_title": _("Upload a 3D model"),
    }, status=413)


def accept_multipart(request, form) -> tuple[ThreeDModel | None, str | None]:
    """Validate and store the file of a valid multipart :class:`UploadForm` (the upload page
    without JavaScript, and the 3D chooser's upload tab); a refusal stores nothing."""
    uploaded = form.cleaned_data.get("file")
    if not uploaded:
        form.add_error("file", _("Choose a file."))
        return None, None
    name = Path(uploaded.name).name
    error = _check_name_and_size(name, uploaded.size)
    if error:
        return None, error
    staged = staging.new_part(request.user.pk)
    with open(staged, "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    try:
        return _accept(request, form, staged, name)
    finally:
        staged.unlink(missing_ok=True)


def upload(request):
    """The upload page; also accepts a plain multipart POST when JavaScript is unavailable."""
    _require_add(request)
    too_large = _refuse_oversized_body(request)
    if too_large:
        return too_large
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    error = None
    if request.method == "POST" and form.is_valid():
        instance, error = accept_multipart(request, form)
        if instance:
            messages.success(request, _("“%s” uploaded; it is being processed.")
                             % instance.title)
            return redirect("models3d:edit", instance.pk)
    return TemplateResponse(request, "models3d/admin/upload.html", {
        "form": form, "error": error,
        "max_bytes": settings.THREED_MAX_UPLOAD_BYTES,
        "chunk_bytes": settings.THREED_UPLOAD_CHUNK_BYTES,
        "accept": ",".join(UPLOAD_EXTENSIONS),
        "header_icon": "media", "page_title": _("Upload a 3D model"),
    })


def processing_status(request, pk):
    """Polled by the edit page while a model is queued or processing."""
    model = ThreeDModel.objects.filter(pk=pk).first()
    if model is None or not any(
        permission_policy.user_has_permission_for_instance(request.user, action, model)
        for action in ("change", "choose")
    ):
        raise Http404
    ready = model.is_ready and model.web_file
    return JsonResponse({"status": model.status, "label": model.get_status_display(),
                         "failure_reason": model.failure_reason,
                         # The page editor's authoring preview (author.js) loads this file.
                         "viewer_src": model.web_file.url if ready else None})


@require_http_methods(["POST"])
def retry_processing(request, pk):
    """The "Retry" button of a failed (or silently stuck) model: a fresh set of attempts."""
    from . import recovery

    model = ThreeDModel.objects.filter(pk=pk).first()
    if model is None or not permission_policy.user_has_permission_for_instance(
            request.user, "change", model):
        raise Http404
    if model.status == ThreeDModel.Status.FAILED or recovery.is_stuck(model):
        recovery.retry(model)
        messages.success(request, _("“%s” is queued to be processed again.") % model.title)
    else:
        messages.warning(request, _("“%s” is not failed or stuck; nothing to retry.") % model.title)
    return redirect("models3d:edit", model.pk)


# --- library views -------------------------------------------------------------------------


class ThumbnailColumn(Column):
    cell_template_name = "models3d/admin/thumbnail_cell.html"


class StatusColumn(Column):
    cell_template_name = "models3d/admin/status_cell.html"


class VisibleObjectsMixin:
    """Only models in collections where the user may change, delete or choose."""

    def get_base_queryset(self):
        return permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "delete", "choose"]
        )


class IndexView(VisibleObjectsMixin, generic.IndexView):
    def get_base_queryset(self):
        qs = super().get_base_queryset()
        return qs.select_related("collection")

    @cached_property
    def columns(self):
        return [
            ThumbnailColumn("thumbnail", label=_("Poster"), width="90px"),
            TitleColumn("title", label=_("Title"), url_name=self.edit_url_name, sort_key="title"),
            Column("format", label=_("Format"), accessor="get_format_display", sort_key="format"),
            StatusColumn("status", label=_("Status"), sort_key="status"),
            Column("triangle_count", label=_("Triangles"), sort_key="triangle_count"),
            Column("collection", label=_("Collection")),
            DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        ]


class PerInstanceMixin:
    permission_action = "change"

    def get_object(self, *args):
        obj = super().get_object(*args)
        if not permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_action, obj
        ):
            raise PermissionDenied
        return obj


class EditView(PerInstanceMixin, generic.EditView):
    template_name = "models3d/admin/edit.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("for_user", None)
        kwargs["user"] = self.request.user
        return kwargs


class DeleteView(PerInstanceMixin, generic.DeleteView):
    """An app may refuse to delete a model through the ``before_delete_threedmodel`` hook
    (the campaign: a model a live page shows is deleted by a superuser only): the first hook
    that answers with a response is shown instead, on the confirmation page already."""

    permission_action = "delete"

    def _refusal(self):
        for hook in hooks.get_hooks("before_delete_threedmodel"):
            response = hook(self.request, self.object)
            if response is not None:
                return response
        return None

    def get(self, request, *args, **kwargs):
        return self._refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refusal() or super().post(request, *args, **kwargs)


class HistoryView(PerInstanceMixin, generic.HistoryView):
    """Only for those who may edit the model: another country's history names its drafts."""


class UsageView(PerInstanceMixin, generic.UsageView):
    pass


# --- chooser --------------------------------------------------------------------------------


class BaseChooseView(chooser_views.BaseChooseView):
    results_template_name = "models3d/admin/chooser_results.html"
    ordering = "-created_at"
    construct_queryset_hook_name = "construct_threedmodel_chooser_queryset"

    def get_object_list(self):
        return permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["choose"]
        ).filter(~Q(status=ThreeDModel.Status.FAILED))

    def get_filter_form(self):
        return self.get_filter_form_class()(self.request.GET, collections=self.collections)

    @cached_property
    def collections(self):
        collections = permission_policy.collections_user_has_permission_for(
            self.request.user, "choose")
        return collections if len(collections) >= 2 else None

    @property
    def columns(self):
        return [ThumbnailColumn("thumbnail", label=_("Poster"), width="90px"),
                *super().columns,
                Column("format", label=_("Format"), accessor="get_format_display"),
                StatusColumn("status", label=_("Status"))]


class UploadInChooserMixin(chooser_views.CreationFormMixin):
    """The chooser's "Upload" tab: the upload form, checked against the user's "add"
    collections; the chosen model is queued for processing like any other upload."""

    creation_form_class = UploadForm

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "user": self.request.user}


class ChooseView(chooser_views.ChooseViewMixin, UploadInChooserMixin, BaseChooseView):
    pass


class ChooseResultsView(chooser_views.ChooseResultsViewMixin, UploadInChooserMixin,
                        BaseChooseView):
    pass


class ChooserUploadView(chooser_views.CreateViewMixin, UploadInChooserMixin,
                        chooser_views.ChosenResponseMixin, View):
    def post(self, request):
        self.form = self.get_creation_form()
        if self.form.is_valid():
            instance, error = accept_multipart(request, self.form)
            if instance:
                return self.get_chosen_response(instance)
            if error:
                self.form.add_error("file", error)
        return self.get_reshow_creation_form_response()


class ChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        item = super().get_object(pk)
        if not permission_policy.user_has_permission_for_instance(
                self.request.user, "choose", item):
            raise PermissionDenied
        return item


class ChosenMultipleView(chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        return permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["choose"]).filter(pk__in=pks)
