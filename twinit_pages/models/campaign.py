"""The campaign's front page and its generic content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from twinit_pages.blocks import CampaignContentBlock
from twinit_pages.routing import ReaderLanguageRouteMixin
from workflows.gate import GatedPublishMixin


class CampaignHomePage(GatedPublishMixin, ReaderLanguageRouteMixin, Page):
    """Front page of the campaign: what it is, featured assets and live participation figures."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    call_to_action = models.CharField(_("call to action"), max_length=255, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("call_to_action"),
        InlinePanel("featured_assets", label=_("Featured assets"), max_num=6),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["twinit_pages.MemberStatePage", "twinit_pages.CampaignPage"]

    class Meta:
        verbose_name = _("campaign home page")

    def get_context(self, request, *args, **kwargs):
        from django.utils import translation

        from twinit_pages.queries import (
            asset_counts_by_country,
            campaign_counts,
            latest_assets,
            member_states_in,
            with_cards,
        )

        context = super().get_context(request, *args, **kwargs)
        by_country = asset_counts_by_country(translation.get_language())  # for both figures
        context["member_states"] = member_states_in(self.locale, by_country)
        context["counts"] = campaign_counts(by_country)
        context["featured"] = with_cards(
            item.asset.localized for item in self.featured_assets.select_related("asset")
            if item.asset and item.asset.live
        )
        # "Latest" shows what is new beyond the featured choice, never the same cards twice.
        featured_keys = [asset.translation_key for asset in context["featured"]]
        context["latest_assets"] = latest_assets(self.locale, limit=6, exclude_keys=featured_keys)
        return context


class FeaturedAsset(Orderable):
    home = ParentalKey(CampaignHomePage, related_name="featured_assets", on_delete=models.CASCADE)
    asset = models.ForeignKey(
        "twinit_pages.HeritageAssetPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("asset", "twinit_pages.HeritageAssetPage")]


class CampaignPage(GatedPublishMixin, ReaderLanguageRouteMixin, Page):
    """About, participation guidelines, FAQ, hackathon: free content edited by Europeana."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(CampaignContentBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["twinit_pages.CampaignHomePage", "twinit_pages.CampaignPage"]
    subpage_types = ["twinit_pages.CampaignPage"]

    class Meta:
        verbose_name = _("campaign page")
