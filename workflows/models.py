"""The tasks of the "Twin it! submission" workflow.

1. ``ReadinessCheckTask`` — automated: approves or rejects itself as soon as it starts.
2. ``NationalApprovalTask`` — one task for all 27 countries: the approvers of a page are the
   members of the ``{ISO} coordinators`` group of the Member State page above it.
3. Europeana review — a plain ``GroupApprovalTask`` for the group ``Europeana editors``; its
   approval finishes the workflow, which publishes the page (Wagtail's default on finish).
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from campaign import geography, roles
from workflows.scoped import ScopedApprovalMixin


def _skip(task, workflow_state, comment=""):
    """Record the task as skipped (no signal): WorkflowState.update() moves on."""
    from django.utils import timezone

    task_state = task.get_task_state_class()(workflow_state=workflow_state)
    task_state.status = TaskState.STATUS_SKIPPED
    task_state.revision = workflow_state.content_object.get_latest_revision()
    task_state.task = task
    task_state.finished_at = timezone.now()
    task_state.comment = comment
    task_state.save()
    return task_state


class ReadinessCheckTaskState(TaskState):
    """What the readiness check found on one revision: pass/fail, checklist, predicted tiers."""

    content_tier = models.PositiveSmallIntegerField(_("predicted content tier"), null=True)
    metadata_tier = models.CharField(_("predicted metadata tier"), max_length=1, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        verbose_name = _("readiness check result")
        verbose_name_plural = _("readiness check results")


class ReadinessCheckTask(Task):
    """Automated check of Europeana's requirements; never waits for a person."""

    task_state_class = ReadinessCheckTaskState

    class Meta:
        verbose_name = _("Europeana readiness check")
        verbose_name_plural = _("Europeana readiness checks")

    @classmethod
    def get_description(cls):
        return _(
            "Automated: checks required fields, rights, a processed 3D model, reuse intent, "
            "paradata and alt text, predicts the Europeana tiers, and passes or returns the "
            "page to its author with a checklist."
        )

    def start(self, workflow_state, user=None):
        from workflows.readiness import check

        revision = workflow_state.content_object.get_latest_revision()
        readiness = check(revision.as_object())
        if not readiness.applicable:
            return _skip(self, workflow_state, comment=str(_("Not a heritage asset: no check.")))

        return self.record(workflow_state, revision, readiness)

    def record(self, workflow_state, revision, readiness):
        """Store what the check found on ``revision`` and pass or fail it."""
        task_state = self.get_task_state_class()(workflow_state=workflow_state)
        task_state.status = TaskState.STATUS_IN_PROGRESS
        task_state.revision = revision
        task_state.task = self
        task_state.content_tier = readiness.content_tier
        task_state.metadata_tier = readiness.metadata_tier
        task_state.problems = readiness.problems
        task_state.save()
        # The check is the actor, not the submitter: finished_by stays empty.
        if readiness.passed:
            task_state.approve(user=None, update=False, comment=readiness.checklist())
        else:
            task_state.reject(user=None, update=False, comment=readiness.checklist())
        return task_state

    def get_actions(self, obj, user):
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        raise PermissionDenied


class NationalApprovalTask(ScopedApprovalMixin, Task):
    """Approval by the coordinators of the page's own Member State (one task, 27 countries)."""

    class Meta:
        verbose_name = _("national approval")
        verbose_name_plural = _("national approvals")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the group “{ISO} coordinators” of the page's own Member State approve "
            "or request changes."
        )

    # --- who may act ---

    def user_can_moderate(self, obj, user):
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        iso = geography.country_of(obj)
        return bool(iso) and iso in roles.coordinated_countries(user)

    def start(self, workflow_state, user=None):
        if not geography.country_of(workflow_state.content_object):
            return _skip(self, workflow_state, comment=str(_("No Member State: no national step.")))
        return super().start(workflow_state, user=user)

    def locked_for_user(self, obj, user):
        # Authors wait while their coordinators review; Europeana editors may still fix things
        # (an edit then needs the coordinators' approval again).
        return not (self.user_can_moderate(obj, user) or roles.is_europeana_editor(user))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        countries = roles.coordinated_countries(user)
        if not countries:
            return TaskState.objects.none()
        page_ids = geography.pages_in(countries).annotate(str_id=Cast("id", CharField())).values(
            "str_id"
        )
        return states.filter(workflow_state__object_id__in=page_ids)


def coordinators_group(iso):
    return Group.objects.filter(name=roles.coordinators(iso)).first()
