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


@hooks.register("insert_editor_js")
def authoring_on_the_model():
    """The page editor's preview for placing annotations and views (static/models3d/author.js)."""
    from django.templatetags.static import static
    from django.urls import reverse
    from django.utils.html import format_html, json_script
    from django.utils.translation import gettext as _

    from .templatetags.models3d_tags import (
        draco_decoder_location,
        meshopt_decoder_location,
        model_viewer_js,
    )

    text = {
        "help": _("Open the chosen model, turn it to the view you want, then click on its "
                  "surface to add an annotation there, or store the view."),
        "open": _("Open the model to place annotations"),
        "initial": _("Use this view as the initial view"),
        "annotationView": _("Use this view for the selected annotation"),
        "chooseFirst": _("Choose a 3D model first."),
        "notReady": _("This 3D model is still being processed; try again in a moment."),
        "clickToPlace": _("Click on the model to add an annotation at that point."),
        "missed": _("That click was not on the model; click on its surface."),
        "placed": _("Annotation added at the clicked point; give it a label."),
        "initialSet": _("Initial view stored."),
        "annotationSet": _("View stored for the annotation “{label}”."),
        "statusUrl": reverse("models3d:status", args=[999999999]),
    }
    return format_html(
        '<script src="{}" data-draco-decoder-location="{}" data-meshopt-decoder-location="{}">'
        '</script><script type="module" src="{}"></script>{}<script src="{}" defer></script>',
        static("models3d/viewer-config.js"), draco_decoder_location(),
        meshopt_decoder_location(), model_viewer_js(),
        json_script(text, "models3d-author-config"), static("models3d/author.js"),
    )
