"""What every task whose approvers depend on the page under review shares.

National approval (the page's country) and translation review (its country and language) both
decide per page who may act. Subclasses define ``user_can_moderate(obj, user)``.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class ScopedApprovalMixin:
    approve_label = _("Approve")

    def user_can_access_editor(self, obj, user):
        return self.user_can_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_can_moderate(obj, user)

    def get_actions(self, obj, user):
        if self.user_can_moderate(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", self.approve_label, False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        # Wagtail's action view checks get_actions() against the page in the URL, not the page of
        # the task state in the URL: check the task state's own page, so a crafted URL pairing
        # one page with another's task state cannot approve it.
        obj = task_state.workflow_state.content_object
        if task_state.task_id != self.pk or not self.user_can_moderate(obj, user):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)
