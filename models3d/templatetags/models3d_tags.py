"""Template helpers for 3D models: viewer asset URLs and readable technical metadata."""

from django import template
from django.templatetags.static import static

from ..staticfiles import PREFIX

register = template.Library()


@register.simple_tag
def model_viewer_js() -> str:
    return static(f"{PREFIX}/model-viewer/model-viewer.min.js")


@register.simple_tag
def draco_decoder_location() -> str:
    return static(f"{PREFIX}/draco/draco_decoder.js").rsplit("/", 1)[0] + "/"


@register.simple_tag
def ktx2_transcoder_location() -> str:
    return static(f"{PREFIX}/basis/basis_transcoder.js").rsplit("/", 1)[0] + "/"


@register.simple_tag
def meshopt_decoder_location() -> str:
    return static(f"{PREFIX}/meshopt/meshopt_decoder.module.js")


@register.filter
def metres(value) -> str:
    if value is None:
        return ""
    value = float(value)
    if value >= 1:
        return f"{value:.2f} m"
    if value >= 0.01:
        return f"{value * 100:.1f} cm"
    return f"{value * 1000:.1f} mm"


@register.filter
def hotspot_slot(index) -> str:
    return f"hotspot-{int(index) + 1}"


@register.filter
def needs_retry(model) -> bool:
    """Failed, or processing with a silent worker: the admin offers "Retry"."""
    from models3d.recovery import is_stuck

    return model.status == "failed" or is_stuck(model)
