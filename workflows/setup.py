"""Groups, collections, permissions and the workflow of the campaign. Every function is idempotent.

All access is granted through Wagtail's own permission records (``GroupPagePermission``,
``GroupCollectionPermission``, Django model permissions); no view of ours checks roles ad hoc.

- Europeana editors: pages add, change, publish, bulk_delete, lock, unlock on the root page (so
  every locale's tree); media add, change, choose, delete on the root collection; institutions.
- CC coordinators: pages add, change on every CC Member State page (all locales); they approve
  through NationalApprovalTask; media add, change, choose, delete on the collection CC.
- CC contributors: pages add, change on every CC Member State page; media add, change, choose
  on the collection CC.
- Translators xx: admin access only, nothing on source pages; their rights on the xx tree are
  granted by locales.permissions.grant_translator_permissions().

"change" without "publish" lets contributors edit drafts and submit them, never publish, unpublish,
move or delete a live page; Wagtail's "add" also lets them delete their own unpublished drafts.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from campaign import roles
from campaign.languages import LANGUAGE_CODES

EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
NATIONAL_PAGE_PERMISSIONS = ("add", "change")

# (app label, model name) of media kept in collections; models3d only once that app has the model.
MEDIA_MODELS = (
    ("wagtailimages", "image"), ("wagtaildocs", "document"), ("models3d", "threedmodel")
)
CONTRIBUTOR_MEDIA_ACTIONS = ("add", "change", "choose")
COORDINATOR_MEDIA_ACTIONS = ("add", "change", "choose", "delete")
EDITOR_MEDIA_ACTIONS = ("add", "change", "choose", "delete")

EDITOR_MODEL_PERMISSIONS = (
    ("twinit_pages", "add_institution"),
    ("twinit_pages", "change_institution"),
    ("twinit_pages", "delete_institution"),
    ("twinit_pages", "view_institution"),
    ("wagtail_localize", "submit_translation"),
)


class Permissions:
    """The permissions the campaign grants, fetched in one query per set-up run."""

    APPS = ("wagtailcore", "wagtailadmin", "wagtailimages", "wagtaildocs", "models3d",
            "twinit_pages", "wagtail_localize")

    def __init__(self):
        self.index = {
            (p.content_type.app_label, p.codename): p
            for p in Permission.objects.filter(content_type__app_label__in=self.APPS)
            .select_related("content_type")
        }

    def get(self, app_label, codename):
        return self.index.get((app_label, codename))

    def page(self, action):
        return self.index[("wagtailcore", f"{action}_page")]

    def media(self, actions):
        found = [self.get(app, f"{action}_{model}") for app, model in MEDIA_MODELS
                 for action in actions]
        return [permission for permission in found if permission]


def _group(perms, name, model_permissions=()):
    group, _created = Group.objects.get_or_create(name=name)
    wanted = [perms.get("wagtailadmin", "access_admin")]
    wanted += [perms.get(app, codename) for app, codename in model_permissions]
    group.permissions.add(*[p for p in wanted if p])
    return group


def _grant_pages(perms, group, page, actions):
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=perms.page(action)
        )


def _grant_collection(group, collection, permissions):
    for permission in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def ensure_editors(perms=None):
    perms = perms or Permissions()
    group = _group(perms, roles.EUROPEANA_EDITORS, EDITOR_MODEL_PERMISSIONS)
    _grant_pages(perms, group, Page.get_first_root_node(), EDITOR_PAGE_PERMISSIONS)
    root = Collection.get_first_root_node()
    _grant_collection(group, root, perms.media(EDITOR_MEDIA_ACTIONS))
    return group


def ensure_collection(iso):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=iso).first()
    return existing or root.add_child(name=iso)


@transaction.atomic
def ensure_member_state(iso, perms=None):
    """Groups, collection and permissions of one Member State, on all its pages in every locale."""
    from twinit_pages.models import MemberStatePage

    perms = perms or Permissions()
    coordinators = _group(perms, roles.coordinators(iso))
    contributors = _group(perms, roles.contributors(iso))
    collection = ensure_collection(iso)
    _grant_collection(contributors, collection, perms.media(CONTRIBUTOR_MEDIA_ACTIONS))
    _grant_collection(coordinators, collection, perms.media(COORDINATOR_MEDIA_ACTIONS))
    for page in MemberStatePage.objects.filter(iso_code=iso):
        _grant_pages(perms, contributors, page, NATIONAL_PAGE_PERMISSIONS)
        _grant_pages(perms, coordinators, page, NATIONAL_PAGE_PERMISSIONS)
    return coordinators, contributors, collection


def ensure_translators(perms=None):
    perms = perms or Permissions()
    return [_group(perms, roles.translators(code)) for code in LANGUAGE_CODES]


def ensure_workflow_with_tasks(name, tasks):
    """The active workflow ``name`` with ``tasks`` ((task model, task name) pairs, each task
    found by its name or created) in this order; idempotent. Returns (workflow, tasks)."""
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    found = []
    for order, (model, task_name) in enumerate(tasks):
        task = model.objects.filter(name=task_name).first() or model.objects.create(name=task_name)
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
        found.append(task)
    return workflow, found


@transaction.atomic
def ensure_workflow(perms=None):
    """The workflow "Twin it! submission" and its three tasks, in order."""
    from workflows.models import NationalApprovalTask, ReadinessCheckTask

    workflow, (_readiness, _national, europeana) = ensure_workflow_with_tasks(roles.WORKFLOW_NAME, (
        (ReadinessCheckTask, roles.READINESS_TASK_NAME),
        (NationalApprovalTask, roles.NATIONAL_TASK_NAME),
        (GroupApprovalTask, roles.EUROPEANA_TASK_NAME),
    ))
    europeana.groups.add(ensure_editors(perms))
    assign_workflow(workflow)
    return workflow


def assign_workflow(workflow=None):
    """Put the workflow on every campaign home page (one per locale) that has none yet."""
    from twinit_pages.models import CampaignHomePage

    workflow = workflow or Workflow.objects.filter(name=roles.WORKFLOW_NAME).first()
    if workflow is None:
        return
    for home in CampaignHomePage.objects.filter(workflowpage__isnull=True):
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
