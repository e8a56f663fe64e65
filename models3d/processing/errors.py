"""The one exception that refuses an upload, worded for the person who uploaded it."""

from .formats import ACCEPTED

ACCEPTED_FORMATS = f"Accepted: {ACCEPTED}"


class ModelRejected(Exception):
    """An upload that is not a valid, non-empty 3D model, or is hostile.

    ``code`` is a stable machine-readable reason (tests and the admin filter rely on it);
    ``message`` names the file, says what is wrong and what to do, and lists what is accepted.
    """

    def __init__(self, filename: str, problem: str, advice: str = "", *, code: str = "invalid"):
        self.filename = filename
        self.problem = problem
        self.advice = advice
        self.code = code
        parts = [f"“{filename}” {problem}"]
        if advice:
            parts.append(advice)
        parts.append(ACCEPTED_FORMATS)
        self.message = " ".join(parts)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class ProcessingError(Exception):
    """A fault on our side (converter, renderer); the file itself may be fine."""
