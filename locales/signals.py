"""Signals: record approvals, mail reviewers, give translators each new locale tree."""

from django.db.models.signals import post_save
from wagtail.signals import task_submitted, workflow_approved


def connect():
    from locales.notifications import translation_review_submitted
    from locales.review import on_workflow_approved
    from twinit_pages.models import CampaignHomePage

    workflow_approved.connect(on_workflow_approved, dispatch_uid="twinit_translation_approved")
    task_submitted.connect(
        translation_review_submitted, dispatch_uid="twinit_translation_review_submitted"
    )
    post_save.connect(home_saved, sender=CampaignHomePage, dispatch_uid="twinit_translator_perms")


def home_saved(sender, instance, created, raw=False, **kwargs):
    """A new locale tree (its home page) is editable at once by that language's translators."""
    if raw or not created:
        return
    from django.db import transaction

    from locales.permissions import grant_translator_permissions

    code = instance.locale.language_code
    transaction.on_commit(lambda: grant_translator_permissions(languages=[code]))
