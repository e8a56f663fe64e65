"""The 3D formats the library accepts, in one table.

Upload form, resumable upload, validation, the model's ``format`` choices, the error messages
and the open-data exports (EDM, API) all read this table, so a format is added or worded once.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelFormat:
    code: str  # stored in ThreeDModel.format
    extension: str
    name: str  # in messages: "… has a .ply name but is not PLY"
    label: str  # in the admin's format choices
    mime_type: str
    companions: str = ""  # files that travel with it, named in the accepted-formats line


FORMATS = (
    ModelFormat("glb", ".glb", "GLB", "GLB (binary glTF)", "model/gltf-binary"),
    ModelFormat("gltf", ".gltf", "glTF", "glTF", "model/gltf+json"),
    ModelFormat("obj", ".obj", "OBJ", "OBJ", "model/obj", companions="+.mtl, textures"),
    ModelFormat("ply", ".ply", "PLY", "PLY", "model/ply"),  # not registered with IANA; common use
    ModelFormat("stl", ".stl", "STL", "STL", "model/stl"),
)
BY_CODE = {fmt.code: fmt for fmt in FORMATS}
BY_EXTENSION = {fmt.extension: fmt for fmt in FORMATS}

MODEL_EXTENSIONS = tuple(fmt.extension for fmt in FORMATS)
# A multi-file glTF or OBJ arrives as a zip of the model and the files it uses.
UPLOAD_EXTENSIONS = (*MODEL_EXTENSIONS, ".zip")
CHOICES = [(fmt.code, fmt.label) for fmt in FORMATS]
# The viewer's web derivative is always GLB.
WEB_FORMAT = BY_CODE["glb"]

ACCEPTED = (
    ", ".join(
        f"{fmt.extension} ({fmt.companions})" if fmt.companions else fmt.extension
        for fmt in FORMATS
    )
    + ", or a .zip of a multi-file glTF or OBJ."
)


def mime_type(code):
    """The MIME type of a stored format code; a generic binary type for an unknown one."""
    fmt = BY_CODE.get((code or "").lower())
    return fmt.mime_type if fmt else "application/octet-stream"
