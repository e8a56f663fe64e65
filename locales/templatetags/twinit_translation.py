"""Admin template helpers of the translation review."""

from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.inclusion_tag("twinit_locales/review_panel.html", takes_context=True)
def translation_review_panel(context, translation, instance):
    """Status of a translation and the translator's "Submit for review" button."""
    from wagtail.models import Page

    from locales import coverage, review

    request = context["request"]
    user = request.user
    if not isinstance(instance, Page):
        return {"show": False}
    page = instance.specific
    state = coverage.translation_state(page) or "draft"
    workflow_state = page.current_workflow_state
    in_review = review.is_translation_workflow(workflow_state)
    task_state = workflow_state.current_task_state if workflow_state else None
    language = translation.target_locale.language_code
    can_submit = review.can_translate_into(user, language) and page.permissions_for_user(
        user
    ).can_edit()
    can_review = bool(
        in_review and task_state and task_state.task.specific.user_can_moderate(page, user)
    )
    last_comment = ""
    if workflow_state is not None and task_state is not None:
        last_comment = task_state.specific.get_comment()
    return {
        "show": True,
        "state": state,
        "state_label": coverage.STATE_LABELS.get(state, state),
        "in_review": in_review and workflow_state.status == workflow_state.STATUS_IN_PROGRESS,
        "changes_requested": in_review
        and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES,
        "comment": last_comment,
        "reviewers": ", ".join(review.reviewer_group_names(page)),
        "can_submit": can_submit,
        "can_review": can_review,
        "submit_url": reverse("twinit_locales:submit", args=[translation.pk]),
        "preview_url": reverse(
            "wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]
        ) if can_review else "",
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
