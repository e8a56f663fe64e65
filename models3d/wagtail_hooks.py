"""Admin registration: library, chooser, and collection permissions for 3D models."""

from wagtail import hooks
from wagtail.admin.forms.collections import collection_member_permission_formset_factory

from .models import ThreeDModel
from .viewsets import chooser_viewset, threedmodel_viewset


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [threedmodel_viewset, chooser_viewset]


@hooks.register("register_group_permission_panel")
def register_permissions_panel():
    return collection_member_permission_formset_factory(
        ThreeDModel,
        [
            ("add_threedmodel", "Add", "Add/edit 3D models you own"),
            ("change_threedmodel", "Edit", "Edit any 3D model"),
            ("delete_threedmodel", "Delete", "Delete any 3D model"),
            ("choose_threedmodel", "Choose", "Select 3D models in choosers"),
        ],
        "models3d/admin/permissions_formset.html",
    )


@hooks.register("describe_collection_contents")
def describe_collection_models(collection):
    count = ThreeDModel.objects.filter(collection=collection).count()
    if count:
        from django.urls import reverse
        from django.utils.translation import ngettext

        return {
            "count": count,
            "count_text": ngettext("%(count)s 3D model", "%(count)s 3D models", count)
            % {"count": count},
            "url": reverse("models3d:index") + f"?collection={collection.id}",
        }
