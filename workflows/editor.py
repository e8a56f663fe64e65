"""The campaign's page views: Wagtail's, with the publication gate and reviewer actions that hold.

Registered as the page viewset of every campaign page type (``wagtail_hooks``), so the URLs,
templates and permissions stay Wagtail's own.
"""

import json

from django.db import transaction
from django.shortcuts import redirect
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import WorkflowState

from workflows import gate, moderation


class GatedEditView(EditView):
    def post(self, request, *args, **kwargs):
        # Refused before the form is read, whoever asks: a crafted "action-publish" changes
        # nothing (Wagtail would otherwise save it as a draft for users who cannot publish).
        if request.POST.get("action-publish") and gate.needs_review(self.page):
            messages.error(request, gate.not_offered_message(self.page))
            return self.redirect_and_remain()
        return super().post(request, *args, **kwargs)

    def submit_action(self):
        # Resubmitting after "Request changes": Wagtail resumes at the step that asked for the
        # changes, but the author's new version has passed no step yet. Resume from the first
        # step it has not passed, so readiness and national approval come before Europeana.
        if (self.workflow_state is not None
                and self.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
                and gate.needs_review(self.page)):
            workflow_state = self.workflow_state
            workflow_state.resume = lambda user=None: moderation.resume_from_start(
                workflow_state, user)
        return super().submit_action()

    def perform_workflow_action(self):
        user = self.request.user
        task_state = self.page.current_workflow_task_state
        try:
            with transaction.atomic():
                self.page = self.form.save(commit=not self.page.live)
                self.subscription.save()
                if self.has_content_changes:
                    revision = self.page.save_revision(
                        user=user, log_action=True,
                        previous_revision=self.previous_revision if self.is_reverting else None,
                    )
                    if "comments" in self.form.formsets:
                        changes = self.get_commenting_changes()
                        self.log_commenting_changes(changes, revision)
                        self.send_commenting_notifications(changes)
                data = json.loads(self.request.POST.get("workflow-action-extra-data", "{}"))
                moderation.act(task_state, user, self.workflow_action, **data)
        except gate.Refused as refusal:
            messages.error(self.request, str(refusal))
            self.has_unsaved_changes = True
            return self.render_to_response(self.get_context_data())
        messages.success(
            self.request, moderation.outcome_message(task_state.workflow_state, self.page)
        )
        response = self.run_hook("after_edit_page", self.request, self.page)
        return response or self.redirect_away()


class GatedWorkflowActionView(WorkflowActionView):
    """The dashboard's and the workflow history's Approve / Request changes."""

    def post(self, request, *args, **kwargs):
        data = {}
        if self.form_class:
            form = self.form_class(request.POST)
            if not form.is_valid():
                if self.action_modal and request.headers.get("x-requested-with") == "XMLHttpRequest":
                    return self.render_modal_form(request, form)
                return redirect(self.redirect_url)
            data = form.cleaned_data
        workflow_state = self.task_state.workflow_state
        try:
            url = moderation.act(self.task_state, request.user, self.action_name, **data)
        except gate.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            self.redirect_url = url or self.redirect_url
            page = workflow_state.content_object
            messages.success(request, moderation.outcome_message(workflow_state, page))
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.render_modal_json(request, {"step": "success", "redirect": self.redirect_url})
        return redirect(self.redirect_url)


def page_viewset(model):
    return type(f"{model.__name__}ViewSet", (PageViewSet,), {
        "model": model,
        "edit_view_class": GatedEditView,
        "workflow_action_view_class": GatedWorkflowActionView,
    })(name=f"twinit_{model._meta.model_name}_pages")
