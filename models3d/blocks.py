"""StreamField blocks for 3D models: ``ModelViewerBlock`` shows a model with story hotspots.

Positions, normals and the camera orbit are ``RegexBlock``s on purpose: wagtail-localize only
offers CharBlock/TextBlock content for translation, so labels and texts are translated while
coordinates are not.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

_NUMBER = r"-?(\d+(\.\d*)?|\.\d+)([eE]-?\d+)?"
VECTOR3 = rf"^\s*{_NUMBER}(m|cm|mm)?\s+{_NUMBER}(m|cm|mm)?\s+{_NUMBER}(m|cm|mm)?\s*$"
ORBIT = (rf"^\s*({_NUMBER}(deg|rad)|auto)\s+({_NUMBER}(deg|rad)|auto)"
         rf"\s+({_NUMBER}(m|cm|mm|%)|auto)\s*$")

class ThreeDModelChooserBlock(blocks.ChooserBlock):
    """Chooser for a ThreeDModel. Model and widget resolve lazily, as Wagtail's own
    ImageChooserBlock does, because page models import this module before apps are ready."""

    @cached_property
    def target_model(self):
        from .models import ThreeDModel

        return ThreeDModel

    @cached_property
    def widget(self):
        from .viewsets import chooser_viewset

        return chooser_viewset.widget_class()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    class Meta:
        icon = "media"


class AnnotationBlock(blocks.StructBlock):
    position = blocks.RegexBlock(
        regex=VECTOR3, error_messages={"invalid": _("Three numbers, e.g. “0.1 1.25 0.3”.")},
        help_text=_("Point on the model, “x y z” in model units. Double-click the model in "
                    "its preview (3D models › edit) to read a point's position and normal."),
    )
    normal = blocks.RegexBlock(
        regex=VECTOR3, required=False, default="0 1 0",
        error_messages={"invalid": _("Three numbers, e.g. “0 0 1”.")},
        help_text=_("Direction the surface faces at that point, “x y z”."),
    )
    label = blocks.CharBlock(max_length=100)
    text = blocks.TextBlock(required=False)
    camera_orbit = blocks.RegexBlock(
        regex=ORBIT, required=False,
        error_messages={"invalid": _("E.g. “30deg 75deg 105%” (azimuth, polar angle, distance).")},
        help_text=_("The view this annotation moves the camera to; empty: look at the point "
                    "from the current direction."),
    )
    camera_target = blocks.RegexBlock(
        regex=VECTOR3, required=False,
        error_messages={"invalid": _("Three numbers, e.g. “0.1 1.25 0.3”.")},
        help_text=_("The point the camera looks at in that view; empty: the annotation itself."),
    )

    class Meta:
        icon = "pick"
        label = _("Annotation")


class ModelViewerBlock(blocks.StructBlock):
    model = ThreeDModelChooserBlock(label=_("3D model"))
    caption = blocks.CharBlock(required=False, max_length=500)
    camera_orbit = blocks.RegexBlock(
        regex=ORBIT, required=False,
        error_messages={"invalid": _("E.g. “30deg 75deg 105%” (azimuth, polar angle, distance).")},
        help_text=_("Initial view: azimuth, polar angle and distance, e.g. “30deg 75deg 105%”."),
    )
    camera_target = blocks.RegexBlock(
        regex=VECTOR3, required=False,
        error_messages={"invalid": _("Three numbers, e.g. “0.1 1.25 0.3”.")},
        help_text=_("Initial view: the point the camera looks at; empty: the model's centre."),
    )
    annotations = blocks.ListBlock(AnnotationBlock(), required=False, default=[])

    class Meta:
        icon = "media"
        label = _("3D model")
        template = "models3d/blocks/model_viewer.html"
