"""The publication gate: the one place that decides whether a revision may go live.

Every path to "live" asks ``refusal(page, revision)``: the page editor's Publish, the workflow's
finish action, wagtail-localize's translation editor, bulk publishing, scheduled publishing and
anything that calls ``Revision.publish()`` (``GatedPublishMixin`` on the page models).

- A Member State's heritage asset: the revision itself passed the readiness check (and still
  passes it: a 3D model may have failed since), its state's national approval and Europeana
  review, in the submission workflow.
- A translation (the target page of a wagtail-localize translation): its source is live, the
  revision passed translation review, and it was made from the source's live text, so a
  translation never publishes what the source's live version does not say.
- Anything else (campaign pages, Member State pages in their source language): no gate; only
  Europeana editors hold the publish permission there.

A superuser may publish without review through ``publish_without_review``, which records the
reason in the page history. Nothing else bypasses the gate.

Wagtail imports this module (WAGTAIL_FINISH_WORKFLOW_ACTION) while loading its models, so the
models are imported inside the functions.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import gettext as _

from campaign import roles

OVERRIDE_ACTION = "twinit.publish_override"

_override = ContextVar("twinit_publish_override", default=None)


class Refused(Exception):  # noqa: N818 (a refusal, not a programming error)
    """A revision may not go live; the message says why and what to do."""


def submission_tasks():
    """The readiness, national and Europeana tasks of the submission workflow, in order."""
    from wagtail.models import Workflow

    workflow = Workflow.objects.filter(name=roles.WORKFLOW_NAME).first()
    if workflow is None:
        return []
    return [wt.task for wt in workflow.workflow_tasks.select_related("task")
            .filter(task__active=True).order_by("sort_order")]


def passed(revision, task):
    from wagtail.models import TaskState

    return TaskState.objects.filter(
        revision=revision, task=task, status=TaskState.STATUS_APPROVED
    ).exists()


def is_gated_asset(page):
    """A Member State's heritage asset in its source language."""
    from campaign.geography import country_of
    from twinit_pages.models import HeritageAssetPage

    return isinstance(page.specific_deferred, HeritageAssetPage) and bool(country_of(page))


def source_page(page, translation):
    from wagtail.models import Page

    return Page.objects.filter(
        translation_key=page.translation_key, locale_id=translation.source.locale_id
    ).first()


def asset_refusal(page, revision):
    from workflows.readiness import check

    readiness = check(revision.as_object())
    if not readiness.passed:
        return _("“%(title)s” does not pass the readiness check: %(problems)s") % {
            "title": page.title, "problems": " ".join(readiness.problems),
        }
    for task in submission_tasks():
        if not passed(revision, task):
            return _(
                "“%(title)s” cannot be published: this version has not passed “%(step)s”. "
                "Submit it for review; it goes live when Europeana approves it."
            ) % {"title": page.title, "step": task.name}
    return None


def translation_refusal(page, revision, translation):
    from wagtail.models import TaskState

    from locales.models import TranslationReviewTask

    source = source_page(page, translation)
    if source is None or not source.live:
        return _(
            "“%(title)s” is a translation of a page that is not published: a translation goes "
            "live only after its source has passed review."
        ) % {"title": page.title}
    review_ids = TranslationReviewTask.objects.values_list("pk", flat=True)
    if not TaskState.objects.filter(
        revision=revision, task_id__in=review_ids, status=TaskState.STATUS_APPROVED
    ).exists():
        return _("“%(title)s” cannot be published before its translation review approves it.") % {
            "title": page.title
        }
    if not translated_from_live(source, translation):
        return _(
            "“%(title)s” was translated from a version of the source that is not the live one. "
            "Update the translation from the published source and submit it again."
        ) % {"title": page.title}
    return None


def translated_from_live(source, translation):
    from locales.review import text_digest

    live = source.specific.live_revision
    if live is None:
        return False
    return text_digest(translation.source.as_instance()) == text_digest(live.as_object())


def refusal(page, revision=None):
    """Why ``revision`` (default: the latest) of ``page`` may not go live, or None."""
    from locales.review import translation_for_page

    if _override.get() is not None or page.alias_of_id:
        return None
    page = page.specific_deferred
    revision = revision or page.get_latest_revision()
    translation = translation_for_page(page)
    if translation is not None:
        return translation_refusal(page, revision, translation)
    if is_gated_asset(page):
        return asset_refusal(page, revision)
    return None


def ensure_may_publish(page, revision):
    reason = refusal(page, revision)
    if reason:
        raise Refused(reason)


def needs_review(page):
    """True while the gate stands between this page and "live" (Publish is not offered)."""
    from locales.review import translation_for_page

    page = page.specific_deferred
    return translation_for_page(page) is not None or is_gated_asset(page)


def not_offered_message(page):
    return _(
        "“%(title)s” was not published: it goes live only through review. Submit it for "
        "moderation; the last approval publishes it."
    ) % {"title": page.get_admin_display_title()}


@contextmanager
def _overriding(reason):
    token = _override.set(reason)
    try:
        yield
    finally:
        _override.reset(token)


def publish_without_review(revision, user=None, reason=""):
    """Publish ``revision`` past the gate and record who did it and why in the page history.

    Only the superuser override view and code that builds content outside the admin (tests'
    fixtures) call this; the view checks that the user is a superuser and gave a reason.
    """
    from wagtail.log_actions import log

    # A revision in the publisher's name, as the editor's Publish would save: the history and
    # the author's "now published" email then name who published it.
    page = revision.as_object()
    revision = page.save_revision(user=user, log_action=False)
    with _overriding(reason):
        revision.publish(user=user, skip_permission_checks=True)
    log(instance=page, action=OVERRIDE_ACTION, user=user, revision=revision,
        data={"reason": reason})
    return page


def publish_workflow_state(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish the approved revision, through the gate.

    Wagtail's own action publishes the latest revision with the approver's permission; here the
    approval is the permission (a coordinator approving a translation holds no publish right),
    and the gate checks that this very revision passed every step.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)


class GatedPublishMixin:
    """Page models: every ``publish()`` (Revision.publish, wagtail-localize, scheduled and bulk
    publishing) passes the gate first."""

    def publish(self, revision, *args, **kwargs):
        ensure_may_publish(self, revision)
        return super().publish(revision, *args, **kwargs)
