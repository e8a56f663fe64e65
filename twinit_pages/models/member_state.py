"""One page per EU Member State, parent of that country's heritage assets."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from campaign.choices import MEMBER_STATES, label_for
from twinit_pages.routing import ReaderLanguageRouteMixin
from workflows.gate import GatedPublishMixin

# A Member State may publish thousands of assets: its page lists them a page of cards at a time.
ASSETS_PER_PAGE = 24


class MemberStatePage(GatedPublishMixin, ReaderLanguageRouteMixin, Page):
    iso_code = models.CharField(
        _("ISO 3166 country code"), max_length=2, choices=MEMBER_STATES,
        help_text=_("The Member State this page stands for; one page per Member State."),
    )
    introduction = RichTextField(
        _("national introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt_text = models.CharField(_("image alt text"), max_length=255, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("iso_code"),
        FieldPanel("introduction"),
        FieldPanel("image"),
        FieldPanel("image_alt_text"),
        InlinePanel(
            "contact_points", label=_("Contact points (never shown publicly)"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["twinit_pages.CampaignHomePage"]
    subpage_types = ["twinit_pages.HeritageAssetPage"]

    class Meta:
        verbose_name = _("Member State page")

    @property
    def country_name(self):
        return label_for(MEMBER_STATES, self.iso_code)

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt_text:
            raise ValidationError({"image_alt_text": _("Describe the image for screen readers.")})
        duplicate = (
            MemberStatePage.objects.filter(iso_code=self.iso_code, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .first()
        )
        if duplicate:
            raise ValidationError({
                "iso_code": _("%(country)s already has its page, “%(title)s”.")
                % {"country": self.country_name, "title": duplicate.title}
            })

    def get_context(self, request, *args, **kwargs):
        from django.utils import translation

        from twinit_pages import collection
        from twinit_pages.collection_entries import mask
        from twinit_pages.models import HeritageAssetPage
        from twinit_pages.queries import with_cards
        from twinit_pages.views import map_context

        context = super().get_context(request, *args, **kwargs)
        # What the explorer filtered on this country lists (each asset once, in whichever
        # language it was written), read from the collection entries: a page of ids, then cards.
        entries = collection.reader_entries(translation.get_language()).filter(
            country=mask([self.iso_code], MEMBER_STATES))
        page = Paginator(
            entries.order_by("title", "page_id").values_list("page_id", flat=True),
            ASSETS_PER_PAGE,
        ).get_page(request.GET.get("page"))
        page.object_list = with_cards(collection.pages_in_order(page.object_list))
        context["assets"] = page
        context["located"] = HeritageAssetPage.objects.filter(
            pk__in=entries.values("page_id"), latitude__isnull=False).exists()
        context.update(map_context(urlencode({"country": self.iso_code})))
        return context

    def serve(self, request, *args, **kwargs):
        from twinit_pages.views import allow_map_tiles

        return allow_map_tiles(super().serve(request, *args, **kwargs))


class ContactPoint(Orderable):
    """A national contact for Europeana's editors. Private: never rendered, exported or translated."""

    page = ParentalKey(MemberStatePage, related_name="contact_points", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=255, blank=True)
    institution = models.CharField(_("institution"), max_length=255, blank=True)
    email = models.EmailField(_("email"))

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("institution"), FieldPanel("email")]
