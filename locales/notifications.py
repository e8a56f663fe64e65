"""Emails of the translation review, reusing Wagtail's own templates.

Wagtail already mails the translator (the workflow's requester) when the translation is
approved or changes are requested, and the members of the task's admin-chosen groups when a
review starts. We add the default reviewers: the coordinators or editors who must act.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import TaskState


class TranslationReviewSubmittedNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    notification = "submitted"

    def can_handle(self, instance, **kwargs):
        from locales.models import TranslationReviewTask

        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, TranslationReviewTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        from locales.review import reviewer_group_names

        User = get_user_model()
        page = task_state.workflow_state.content_object
        recipients = User.objects.filter(groups__name__in=reviewer_group_names(page))
        # Members of the task's own groups already get Wagtail's email.
        recipients = recipients.exclude(groups__in=task_state.task.specific.groups.all())
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            recipients = recipients.exclude(is_superuser=True)  # Wagtail mails them already
        user = kwargs.get("user")
        if user is not None:
            recipients = recipients.exclude(pk=user.pk)
        return set(recipients.distinct())


translation_review_submitted = TranslationReviewSubmittedNotifier()
