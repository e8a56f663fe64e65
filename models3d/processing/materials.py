"""A material's base colour, read once for the web derivative and the thumbnail alike.

Both must see the colour the viewer (model-viewer, glTF 2.0) shows; reading it in two orders let
the poster and the web model disagree.
"""

import numpy as np
import trimesh


def base_colour(material):
    """RGB in 0..1 of a trimesh material's base colour as glTF reads it, or None if it has none.

    A PBR (glTF) material multiplies its texture by ``baseColorFactor``, which is white when
    absent (glTF 2.0, "pbrMetallicRoughness"); trimesh's ``main_color`` would answer its own
    default grey instead and darken the texture. A simple (OBJ/MTL) material has its diffuse
    colour (``Kd``).
    """
    if isinstance(material, trimesh.visual.material.PBRMaterial):
        value = material.baseColorFactor
        if value is None:
            return np.ones(3, dtype=np.float32)
    else:
        value = getattr(material, "diffuse", None)
    if value is None:
        return None
    rgb = np.asarray(value, dtype=np.float32)[:3]
    return rgb / 255.0 if rgb.max() > 1.0 else rgb


def base_colour_image(material):
    """The base colour texture of a material (a PIL image), or None."""
    for attr in ("baseColorTexture", "image"):
        image = getattr(material, attr, None)
        if image is not None:
            return image
    return None
