"""What an asset must have before it can be submitted or published.

Contributors build an asset over days, so a draft may be saved half-empty. The rules bite when
the page leaves the author's hands (submit, publish, restart a workflow): the admin form then
marks every missing field, and the workflow's readiness check reuses the same rules.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# (field, message) in the order they appear in the editor; one rule list for form and workflow.
REQUIRED_FOR_SUBMISSION = (
    ("summary", _("Write a short summary for listings and search results.")),
    ("description", _("Describe the heritage asset.")),
    ("heritage_type", _("Choose the heritage type.")),
    ("priority_categories", _("Choose at least one priority category.")),
    ("institution", _("Choose the data-providing institution.")),
    ("place_name", _("Name the place where the heritage is.")),
    ("date_display", _("Say when the heritage dates from.")),
    ("reuse_statement", _("State the purpose and aim of the digitisation (reuse intent).")),
    ("usage_areas", _("Choose at least one intended usage area.")),
    ("rights_uri", _("Choose the rights statement.")),
    ("credit_line", _("Write the credit line reusers must give.")),
    ("capture_technique", _("Choose the capture technique (paradata).")),
    ("digital_source_type", _("Choose the digital source type (paradata).")),
)

# Buttons of Wagtail's page editor after which the page is no longer a private draft.
SUBMITTING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


def is_blank(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip() in ("<p></p>", "<p><br/></p>")
    if isinstance(value, (list, tuple)):
        return not value
    return False


def missing_for_submission(page):
    """{field name: message} for every required field the page leaves empty."""
    missing = {}
    for field, message in REQUIRED_FOR_SUBMISSION:
        value = getattr(page, field + "_id", None) if field == "institution" else getattr(
            page, field, None
        )
        if is_blank(value):
            missing[field] = message
    return missing


class AssetPageForm(WagtailAdminPageForm):
    def _post_clean(self):
        super()._post_clean()
        if not any(self.data.get(action) for action in SUBMITTING_ACTIONS):
            return
        for field, message in missing_for_submission(self.instance).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
