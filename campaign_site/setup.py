"""Setting up the whole campaign, idempotently: what ``manage.py setup_campaign`` runs."""

from django.db import transaction

from campaign.choices import MEMBER_STATE_CODES
from locales.permissions import grant_translator_permissions
from locales.review import ensure_workflow as ensure_translation_workflow
from locales.setup import ensure_locales
from workflows import setup as submission


@transaction.atomic
def setup_campaign():
    """The 24 locales; the Europeana editors; each Member State's groups and collection; the
    translators; the submission workflow; translators' rights and the translation review.
    Returns the submission workflow."""
    ensure_locales()
    perms = submission.Permissions()
    submission.ensure_editors(perms)
    for iso in MEMBER_STATE_CODES:
        submission.ensure_member_state(iso, perms)
    submission.ensure_translators(perms)
    workflow = submission.ensure_workflow(perms)
    grant_translator_permissions()
    ensure_translation_workflow()
    return workflow
