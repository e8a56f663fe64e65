"""Pure-Python 3D processing: archive handling, validation, analysis, web derivative, thumbnail.

Nothing here imports Django, so the same code runs in the upload task, the CLI, tests and
benchmarks; :func:`models3d.processing.pipeline.ingest` is the single entry point.
"""

from .errors import ACCEPTED_FORMATS, ModelRejected
from .limits import Limits

__all__ = ["ACCEPTED_FORMATS", "Limits", "ModelRejected"]
