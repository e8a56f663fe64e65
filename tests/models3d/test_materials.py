"""The poster and the web model read a material's base colour the same way, as glTF does."""

import numpy as np
import trimesh
from PIL import Image

from models3d.processing.derivative import _neutralise_black
from models3d.processing.materials import base_colour
from models3d.processing.thumbnail import NEUTRAL, face_colours


def textured_quad(material):
    mesh = trimesh.Trimesh(
        vertices=[[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]], faces=[[0, 1, 2], [0, 2, 3]],
        process=False,
    )
    mesh.visual = trimesh.visual.TextureVisuals(uv=[[0, 0], [1, 0], [1, 1], [0, 1]],
                                                material=material)
    return mesh


def test_a_glTF_texture_without_a_colour_factor_is_shown_as_it_is():
    """glTF's baseColorFactor is white when absent; trimesh's own default grey darkened the
    poster of every textured model exported without one."""
    red = Image.new("RGB", (4, 4), (255, 0, 0))
    mesh = textured_quad(trimesh.visual.material.PBRMaterial(baseColorTexture=red))
    np.testing.assert_allclose(face_colours(mesh), [[1, 0, 0], [1, 0, 0]])


def test_a_colour_factor_tints_the_texture():
    grey = Image.new("RGB", (4, 4), (255, 255, 255))
    material = trimesh.visual.material.PBRMaterial(
        baseColorTexture=grey, baseColorFactor=[0.5, 0.25, 1.0, 1.0])
    colours = face_colours(textured_quad(material))
    np.testing.assert_allclose(colours[0], base_colour(material), atol=1 / 255)
    np.testing.assert_allclose(colours[0], [0.5, 0.25, 1.0], atol=1 / 255)


def test_black_untextured_materials_turn_neutral_in_poster_and_web_model_alike():
    for material in (
        trimesh.visual.material.PBRMaterial(baseColorFactor=[0, 0, 0, 255]),
        trimesh.visual.material.SimpleMaterial(diffuse=[0, 0, 0, 255]),
    ):
        mesh = textured_quad(material)
        np.testing.assert_allclose(face_colours(mesh)[0], NEUTRAL)
        web = _neutralise_black(trimesh.Scene(mesh))
        factor = base_colour(next(iter(web.geometry.values())).visual.material)
        np.testing.assert_allclose(factor, NEUTRAL, atol=1 / 255)
