"""Wagtail viewsets: the 3D model library in the admin menu and the chooser for blocks/FKs."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from . import views
from .forms import ThreeDModelForm
from .models import ThreeDModel


class ThreeDModelViewSet(ModelViewSet):
    model = ThreeDModel
    icon = "media"
    menu_label = _("3D models")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = views.IndexView
    edit_view_class = views.EditView
    delete_view_class = views.DeleteView
    history_view_class = views.HistoryView
    usage_view_class = views.UsageView
    list_filter = ["format", "status", "collection"]
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ThreeDModelForm.Meta.fields

    def get_form_class(self, for_update=False):
        return ThreeDModelForm

    def get_urlpatterns(self):
        # "add" is the upload page; uploads are chunked through the three JSON endpoints.
        urls = [u for u in super().get_urlpatterns() if getattr(u, "name", None) != "add"]
        return urls + [
            path("add/", views.upload, name="add"),
            path("upload/start/", views.upload_start, name="upload_start"),
            path("upload/<str:upload_id>/chunk/", views.upload_chunk, name="upload_chunk"),
            path("upload/<str:upload_id>/finish/", views.upload_finish, name="upload_finish"),
            path("status/<int:pk>/", views.processing_status, name="status"),
            path("retry/<int:pk>/", views.retry_processing, name="retry"),
        ]


class ThreeDModelChooserViewSet(ChooserViewSet):
    model = ThreeDModel
    icon = "media"
    choose_one_text = _("Choose a 3D model")
    choose_another_text = _("Choose another 3D model")
    edit_item_text = _("Edit this 3D model")
    choose_view_class = views.ChooseView
    choose_results_view_class = views.ChooseResultsView
    chosen_view_class = views.ChosenView
    chosen_multiple_view_class = views.ChosenMultipleView
    # The "Upload" tab: a model can be uploaded without leaving the page editor.
    create_view_class = views.ChooserUploadView
    creation_form_class = views.UploadForm
    create_action_label = _("Upload")
    create_action_clicked_label = _("Uploading…")
    creation_tab_label = _("Upload")


threedmodel_viewset = ThreeDModelViewSet("models3d")
chooser_viewset = ThreeDModelChooserViewSet("models3d_chooser")
