"""Malformed admin input becomes a form error, never a 500.

Two Wagtail code paths turn a crafted POST into an exception instead of a validation error:
a StreamField chooser (3D model, image, page) given a non-numeric id runs
``Model.objects.get(pk="abc")`` (ValueError), and a rich-text field given raw HTML instead of the
editor's JSON fails in ``json.loads``. Installed once from ``OpsConfig.ready``:

- the chooser treats an id that cannot be an id like no choice (a required chooser then says
  "This field is required", nothing is stored);
- the rich-text widget raises a ValidationError the first time the form reads the field (Django
  turns it into an error on that field) and gives an empty editor when the form with its errors
  is shown again, so the raw input is never stored.
"""

from functools import wraps

from django.core.exceptions import ValidationError

RICH_TEXT_MESSAGE = ("This text could not be read: the field expects the editor's content, and "
                     "received something else (for example raw HTML). Type or paste the text into "
                     "the editor and format it with its toolbar.")


def _chooser_value_from_form(original):
    @wraps(original)
    def value_from_form(self, value):
        try:
            return original(self, value)
        except (ValueError, TypeError, ValidationError):
            return None
    return value_from_form


def _rich_text_value_from_datadict(original):
    @wraps(original)
    def value_from_datadict(self, data, files, name):
        try:
            return original(self, data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            reported = data.__dict__.setdefault("_twinit_invalid_rich_text", set()) \
                if hasattr(data, "__dict__") else set()
            if name in reported:
                return ""
            reported.add(name)
            raise ValidationError(RICH_TEXT_MESSAGE, code="invalid_rich_text") from exc
    return value_from_datadict


def install():
    from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
    from wagtail.blocks.field_block import ChooserBlock

    if not getattr(ChooserBlock.value_from_form, "_twinit_hardened", False):
        ChooserBlock.value_from_form = _chooser_value_from_form(ChooserBlock.value_from_form)
        ChooserBlock.value_from_form._twinit_hardened = True
    if not getattr(DraftailRichTextArea.value_from_datadict, "_twinit_hardened", False):
        DraftailRichTextArea.value_from_datadict = _rich_text_value_from_datadict(
            DraftailRichTextArea.value_from_datadict)
        DraftailRichTextArea.value_from_datadict._twinit_hardened = True
