"""Translation review: the workflow task and the record of what was approved.

wagtail-localize publishes a translation straight from its editor and bypasses moderation.
Here a translation goes live only through the "Translation review" workflow, whose one task's
approvers depend on the page's Member State and the translation's language
(``locales.review.reviewer_group_names``). Approval publishes the submitted revision (Wagtail's
default finish action) and stores a ``TranslationApproval``: a digest of the source text it
was translated from, so a later change of the source shows the translation as outdated.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Page, TaskState

from workflows.scoped import ScopedApprovalMixin


class TranslationReviewTask(ScopedApprovalMixin, GroupApprovalTask):
    """Approval of a translation by the reviewers of its country and language.

    The groups chosen on the task in the admin are *additional* approvers (and receive
    Wagtail's own emails); the default reviewers come from ``reviewer_group_names``.
    """

    class Meta:
        verbose_name = _("translation review")
        verbose_name_plural = _("translation reviews")

    @classmethod
    def get_description(cls):
        return _(
            "The national coordinators of the page's Member State review translations into "
            "their country's own languages; Europeana editors review the others."
        )

    # --- who may act ---

    def reviewer_groups(self, obj):
        from locales.review import reviewer_group_names

        names = reviewer_group_names(obj)
        return Group.objects.filter(models.Q(name__in=names) | models.Q(pk__in=self.groups.all()))

    def user_can_moderate(self, obj, user):
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        return user.groups.filter(pk__in=self.reviewer_groups(obj)).exists()

    approve_label = _("Approve and publish")

    def locked_for_user(self, obj, user):
        return not self.user_can_moderate(obj, user)

    def user_can_unlock(self, obj, user):
        return self.user_can_moderate(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        # The mixin's on_action refuses anyone who may not moderate the task state's own page
        # before anything happens; this only prepares how an approval finishes.
        if action_name == "approve":
            # The reviewer's approval is the permission to publish this translation: a national
            # coordinator has no publish permission of their own. Wagtail's finish action
            # (WorkflowState.on_finish, bound from a setting at import) checks it, so this one
            # workflow state finishes with a publish that skips that check.
            from locales.review import publish_approved_translation

            workflow_state = task_state.workflow_state

            def on_finish(user=None):
                publish_approved_translation(workflow_state, user=user)

            workflow_state.on_finish = on_finish
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        allowed = [
            state.pk
            for state in states.select_related("workflow_state")
            if self.user_can_moderate(state.workflow_state.content_object, user)
        ]
        return states.filter(pk__in=allowed)


class TranslationApproval(models.Model):
    """The last approved state of one translation (one row per wagtail-localize Translation)."""

    translation = models.OneToOneField(
        "wagtail_localize.Translation", on_delete=models.CASCADE, related_name="twinit_approval"
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_digest = models.CharField(_("digest of the source text"), max_length=64)
    approved_at = models.DateTimeField(_("approved at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("translation approval")
        verbose_name_plural = _("translation approvals")

    def __str__(self):
        return f"{self.page} ({self.approved_at:%Y-%m-%d})"
