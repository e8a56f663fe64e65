"""New Member State pages get their groups, collection and permissions; new campaign home pages
(one per locale) get the workflow."""

from django.db.models.signals import post_save


def connect():
    from twinit_pages.models import CampaignHomePage, MemberStatePage

    post_save.connect(member_state_saved, sender=MemberStatePage, dispatch_uid="twinit_ms_setup")
    post_save.connect(home_saved, sender=CampaignHomePage, dispatch_uid="twinit_home_workflow")


def member_state_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created or not instance.iso_code:
        return
    from workflows.setup import ensure_member_state

    ensure_member_state(instance.iso_code)


def home_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from workflows.setup import assign_workflow

    assign_workflow()

