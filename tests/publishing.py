"""Test-only: put content live without walking it through review.

For tests about what readers, the API or the harvesters see, not about moderation. It goes
through the superuser override of the publication gate (``workflows.gate``), so the page's
history says it was published without review, as it would for a person doing the same.
Tests of the workflow itself never use this: they click through it.
"""

from workflows.gate import publish_without_review


def publish_unreviewed(page):
    """Save ``page`` (with any in-memory changes) as a revision and publish it past the gate."""
    return publish_without_review(page.save_revision(), reason="Test fixture: not under review.")
