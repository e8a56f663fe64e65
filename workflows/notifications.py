"""Emails to exactly the people who must act next, and to the author on rejection and publication.

Wagtail already sends (and we rely on, never duplicate):
- Europeana review started (GroupApprovalTask submitted) -> members of "Europeana editors",
  except the user who triggered it;
- workflow rejected -> the user who requested the workflow, unless they triggered the rejection;
- workflow approved (= published, the last task's approval publishes) -> the requester, unless
  they approved it themselves;
- workflow submitted -> superusers only, which WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS=False
  switches off.

We add:
- national approval started -> members of "{ISO} coordinators" of the page's country, except the
  triggering user (Wagtail knows only GroupApprovalTask's groups);
- readiness check rejected -> the user who submitted (the check runs as that user's action, so
  Wagtail's rejection email skips them), with the checklist as the comment;
- page published outside that workflow approval -> the page's owner, unless they published it
  (wrote the published revision) or Wagtail's approval email already reached them.
Every email honours the recipient's notification preferences and needs an active user with an
address, as Wagtail's own do.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.admin.mail import (
    BaseGroupApprovalTaskStateEmailNotifier,
    EmailNotificationMixin,
    Notifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.models import GroupApprovalTask, Page, TaskState, WorkflowState
from wagtail.signals import page_published, task_submitted, workflow_rejected

from campaign import geography, roles


class ScopedReviewersNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    """When a task whose reviewers depend on the page starts, mail those reviewers (Wagtail's
    "task_state_submitted" templates): national approval (the page's coordinators) and
    translation review (coordinators or editors, by language) alike.

    Nobody gets it twice: those Wagtail's own notifier already mails for a group approval task
    (its groups, and superusers if WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS) are left out,
    as is the user who started the task. Subclasses name the task class and the groups.
    """

    notification = "submitted"

    def task_class(self):
        raise NotImplementedError

    def reviewer_group_names(self, page):
        raise NotImplementedError

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, self.task_class()
        )

    def get_recipient_users(self, task_state, **kwargs):
        User = get_user_model()
        page = task_state.workflow_state.content_object
        recipients = User.objects.filter(groups__name__in=self.reviewer_group_names(page))
        superusers = settings.WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS
        task = task_state.task.specific
        if isinstance(task, GroupApprovalTask):
            recipients = recipients.exclude(groups__in=task.groups.all())
            if superusers:
                recipients = recipients.exclude(is_superuser=True)
        elif superusers:
            recipients = recipients | User.objects.filter(is_superuser=True)
        user = kwargs.get("user")
        if user is not None:
            recipients = recipients.exclude(pk=user.pk)
        return set(recipients.distinct())


class NationalApprovalSubmittedNotifier(ScopedReviewersNotifier):
    def task_class(self):
        from workflows.models import NationalApprovalTask

        return NationalApprovalTask

    def reviewer_group_names(self, page):
        iso = geography.country_of(page)
        return [roles.coordinators(iso)] if iso else []


class ReadinessRejectedNotifier(WorkflowStateRejectionEmailNotifier):
    """Reuses Wagtail's "workflow_state_rejected" templates; the comment is the checklist."""

    def can_handle(self, instance, **kwargs):
        from workflows.models import ReadinessCheckTask

        return (
            isinstance(instance, WorkflowState)
            and instance.current_task_state is not None
            and isinstance(instance.current_task_state.task.specific, ReadinessCheckTask)
        )

    def get_recipient_users(self, workflow_state, **kwargs):
        # Wagtail's notifier covers the requester when someone else triggered the rejection.
        user = kwargs.get("user")
        return {user} if user is not None else set()


class PublishedNotifier(EmailNotificationMixin, Notifier):
    notification = "approved"
    template_directory = "workflows/notifications/"

    def __init__(self):
        super().__init__((Page,))

    def get_template_base_prefix(self, instance, **kwargs):
        return "page_"

    def get_context(self, page, **kwargs):
        context = super().get_context(page, **kwargs)
        context["page"] = page
        context["publisher"] = kwargs.get("publisher")
        return context

    def get_recipient_users(self, page, revision=None, **kwargs):
        if not page.owner_id:
            return set()
        # Wagtail logs the publication only after this signal: the revision's author stands for
        # the publisher (the editor's "Publish" saves a revision in that user's name).
        excluded = {revision.user_id} if revision is not None and revision.user_id else set()
        if revision is not None:
            approved = WorkflowState.objects.filter(
                base_content_type=page.get_base_content_type(), object_id=str(page.pk),
                status=WorkflowState.STATUS_APPROVED, current_task_state__revision=revision,
            ).first()
            if approved and approved.requested_by_id:
                excluded.add(approved.requested_by_id)
        return set() if page.owner_id in excluded else {page.owner}


national_submitted = NationalApprovalSubmittedNotifier()
readiness_rejected = ReadinessRejectedNotifier()
published = PublishedNotifier()


def on_page_published(sender, instance, revision=None, **kwargs):
    published(instance=instance, revision=revision)


def connect():
    # Our tasks use the plain TaskState class, so task_submitted's sender is TaskState.
    task_submitted.connect(national_submitted, sender=TaskState, dispatch_uid="twinit_national")
    workflow_rejected.connect(
        readiness_rejected, sender=WorkflowState, dispatch_uid="twinit_readiness_rejected"
    )
    page_published.connect(on_page_published, dispatch_uid="twinit_page_published")
