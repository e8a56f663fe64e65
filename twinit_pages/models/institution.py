"""Institutions that hold or digitised heritage: the data providers named in the EDM export."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaign.choices import MEMBER_STATES

isil_validator = RegexValidator(
    r"^[A-Za-z]{1,4}-[A-Za-z0-9:/\-]{1,11}$",
    _("An ISIL looks like “DK-710100” (country prefix, hyphen, up to 11 characters)."),
)
ror_validator = RegexValidator(
    r"^https://ror\.org/0[a-z0-9]{8}$",
    _("A ROR identifier is a URL like “https://ror.org/02mhbdp94”."),
)
wikidata_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", _("A Wikidata identifier looks like “Q1130749”.")
)


class Institution(TranslatableMixin, index.Indexed, models.Model):
    """A cultural heritage institution; its name may be translated where it differs by language."""

    name = models.CharField(_("name"), max_length=255)
    country = models.CharField(_("country"), max_length=2, choices=MEMBER_STATES)
    website = models.URLField(_("website"), blank=True)
    isil = models.CharField(
        "ISIL", max_length=16, blank=True, validators=[isil_validator],
        help_text=_("International Standard Identifier for Libraries and Related Organisations."),
    )
    ror = models.URLField("ROR", blank=True, validators=[ror_validator])
    wikidata = models.CharField(
        "Wikidata", max_length=20, blank=True, validators=[wikidata_validator]
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("isil"),
        FieldPanel("ror"),
        FieldPanel("wikidata"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("country")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("country"),
        SynchronizedField("website", overridable=True),
        SynchronizedField("isil"),
        SynchronizedField("ror"),
        SynchronizedField("wikidata"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("institution")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def identifier_uri(self):
        """The most authoritative public identifier, for linking the institution in exports."""
        if self.ror:
            return self.ror
        if self.wikidata:
            return f"http://www.wikidata.org/entity/{self.wikidata}"
        if self.isil:
            return f"https://isil.org/{self.isil}"
        return ""
