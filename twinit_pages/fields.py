"""A list of codes from one of the controlled vocabularies, stored as JSON.

Priority categories and usage areas are "one or more of a fixed list". A JSON list works the
same on SQLite and PostgreSQL and keeps the stable codes the exports need.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    def __init__(self, *args, choice_list=(), **kwargs):
        self.choice_list = tuple(choice_list)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {code for code, _label in self.choice_list}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown value(s) %(unknown)s. Choose from: %(allowed)s."),
                params={"unknown": ", ".join(map(str, unknown)), "allowed": ", ".join(sorted(allowed))},
                code="invalid_choice",
            )

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.MultipleChoiceField,
            "choices": self.choice_list,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        # JSONField.formfield would force its own form_class; go straight to Field.formfield.
        return models.Field.formfield(self, **defaults)
