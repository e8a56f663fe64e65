"""The workflow tests' users (one per role) serve the team tests too."""

from tests.workflows.conftest import users  # noqa: F401
