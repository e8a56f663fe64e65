"""A reviewer's action, the same from the page editor, the dashboard and the workflow history.

Wagtail's page editor saves the reviewer's edits as a new revision before it runs the action.
With ``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` only steps passed *on the latest revision*
count, so that save restarted the workflow and swallowed the approval. Here the reviewer's edit
is part of what they approve: the new revision passes the readiness check again (and is
refused if it does not), it inherits the steps the previous revision had passed, and the
reviewer's step then acts on it. An author's edit after approval still restarts the workflow,
because only ``adopt_reviewer_edit`` carries approvals over, and only the editor's workflow
action calls it.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, TaskState, WorkflowState

from campaign import roles
from workflows.gate import Refused


def adopt_reviewer_edit(task_state, revision):
    """Make ``revision`` (saved by the reviewer acting on ``task_state``) the one under review."""
    from workflows.models import ReadinessCheckTask
    from workflows.readiness import check

    workflow_state = task_state.workflow_state
    passed_before = TaskState.objects.filter(
        workflow_state=workflow_state, revision_id=task_state.revision_id,
        status__in=(TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED),
    ).select_related("task").order_by("started_at", "id")
    for state in passed_before:
        task = state.task.specific
        if isinstance(task, ReadinessCheckTask) and state.status == TaskState.STATUS_APPROVED:
            readiness = check(revision.as_object())
            if not readiness.passed:
                raise Refused(
                    _("Your changes make the asset fail the readiness check, so they were not "
                      "saved: %(problems)s") % {"problems": " ".join(readiness.problems)}
                )
            task.record(workflow_state, revision, readiness)
        else:
            state.specific.copy(update_attrs={"revision": revision})
    task_state.revision = revision
    task_state.save(update_fields=["revision"])


def edited_only_by(task_state, user):
    """True if the page has revisions newer than the one under review, all saved by ``user``."""
    page = task_state.workflow_state.content_object
    latest = page.get_latest_revision()
    if latest is None or latest.pk == task_state.revision_id:
        return False
    newer = page.revisions.filter(created_at__gt=task_state.revision.created_at)
    return newer.exists() and not newer.exclude(user=user).exists()


def resume_from_start(workflow_state, user=None):
    """``WorkflowState.resume`` for a resubmission: go on from the first step the new version
    has not passed (``WorkflowState.get_next_task``), not from the step that asked for changes."""
    from wagtail.log_actions import log

    if workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        raise PermissionDenied
    returned = workflow_state.current_task_state
    workflow_state.current_task_state = None
    workflow_state.status = WorkflowState.STATUS_IN_PROGRESS
    workflow_state.save()
    log(instance=workflow_state.content_object.specific, action="wagtail.workflow.resume",
        data={"workflow": {
            "id": workflow_state.workflow_id, "title": workflow_state.workflow.name,
            "status": workflow_state.status, "task_state_id": returned.id,
            "task": {"id": returned.task.id, "title": returned.task.name},
        }}, revision=returned.revision, user=user)
    return workflow_state.update(user=user)


def act(task_state, user, action_name, **data):
    """Run a task's action atomically: a refusal by the publication gate changes nothing.

    An approval covers the reviewer's own edits made since the step started (saved with the
    action, saved or autosaved before it): the same from the editor, the dashboard and the
    workflow history.
    """
    with transaction.atomic():
        if action_name == "approve" and edited_only_by(task_state, user):
            adopt_reviewer_edit(task_state, task_state.workflow_state.content_object
                                .get_latest_revision())
        return task_state.task.specific.on_action(task_state, user, action_name, **data)


def _person(user):
    if user is None:
        return _("the author")
    return user.get_full_name() or user.get_username()


def outcome_message(workflow_state, page):
    """Where the page went after an action: the next step, live, or back to its author."""
    workflow_state = WorkflowState.objects.select_related(
        "current_task_state__task", "requested_by"
    ).get(pk=workflow_state.pk)
    page.refresh_from_db()
    title = page.get_admin_display_title()
    values = {"title": title}
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        if page.live:
            return _("Published: “%(title)s” is live.") % values
        return _("Approved: “%(title)s”.") % values
    task_state = workflow_state.current_task_state
    if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        values["name"] = _person(workflow_state.requested_by)
        if task_state is not None and task_state.comment:
            return _("Returned to %(name)s with your comment: “%(title)s”.") % values
        return _("Returned to %(name)s: “%(title)s”.") % values
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS and task_state is not None:
        return _("Sent to %(step)s: “%(title)s”.") % dict(values, step=step_name(task_state.task))
    return _("“%(title)s” was updated.") % values


def step_name(task):
    from locales.models import TranslationReviewTask
    from workflows.models import NationalApprovalTask, ReadinessCheckTask

    task = task.specific
    if isinstance(task, NationalApprovalTask):
        return _("national approval")
    if isinstance(task, ReadinessCheckTask):
        return _("the readiness check")
    if isinstance(task, TranslationReviewTask):
        return _("translation review")
    if isinstance(task, GroupApprovalTask) and task.name == roles.EUROPEANA_TASK_NAME:
        return _("Europeana review")
    return task.name
