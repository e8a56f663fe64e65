"""The heritage asset: the unit each Member State submits, reviews and publishes."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaign import choices, geography
from europeana.panels import TierPanel
from models3d.blocks import VECTOR3, ModelViewerBlock
from twinit_pages.blocks import StoryBlock
from twinit_pages.completeness import AssetPageForm
from twinit_pages.fields import ChoiceListField
from workflows.gate import GatedPublishMixin

# Years, not dates: heritage dating reaches far before year 1 and is often approximate.
YEAR_VALIDATORS = [MinValueValidator(-100000), MaxValueValidator(2100)]


class HeritageAssetPage(GatedPublishMixin, Page):
    # Identity and description
    summary = models.TextField(
        _("summary"), blank=True, max_length=600,
        help_text=_("One or two sentences shown in listings and search results."),
    )
    description = RichTextField(
        _("description"), blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    heritage_type = models.CharField(
        _("heritage type"), max_length=40, blank=True, choices=choices.HERITAGE_TYPES
    )
    priority_categories = ChoiceListField(
        _("priority categories"), choice_list=choices.PRIORITY_CATEGORIES,
        help_text=_("The 2021 Recommendation's priorities this asset meets (one or more)."),
    )

    # Location
    place_name = models.CharField(_("place name"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, WGS 84, from -90 to 90 (e.g. 55.681)."),
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, WGS 84, from -180 to 180 (e.g. 12.572)."),
    )

    # Dating
    date_display = models.CharField(
        _("dating"), max_length=255, blank=True,
        help_text=_("As readers should see it, e.g. “2nd century CE” or “1420–1436”."),
    )
    start_year = models.IntegerField(
        _("start year"), null=True, blank=True, validators=YEAR_VALIDATORS,
        help_text=_("For filtering; negative for BCE."),
    )
    end_year = models.IntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )

    institution = models.ForeignKey(
        "twinit_pages.Institution", verbose_name=_("data provider"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="assets",
        help_text=_("The institution that holds or digitised the heritage."),
    )

    # Reuse intent (Europeana Publishing Framework for 3D)
    reuse_statement = models.TextField(
        _("purpose and aim of the digitisation"), blank=True,
        help_text=_("In your institution's own words: why this was digitised and for what reuse."),
    )
    reuse_audiences = models.TextField(_("target audiences"), blank=True)
    usage_areas = ChoiceListField(
        _("intended usage areas"), choice_list=choices.USAGE_AREAS,
        help_text=_("Europeana's usage areas, exported as edm:intendedUsage (one or more)."),
    )
    reuse_scope = models.TextField(_("scope of the digitisation"), blank=True)

    # Rights
    rights_uri = models.CharField(
        _("rights statement"), max_length=100, blank=True, choices=choices.RIGHTS,
        help_text=_("One statement Europeana accepts; it applies to the metadata-described asset."),
    )
    credit_line = models.CharField(_("credit line"), max_length=255, blank=True)

    # Paradata: how the 3D models were made
    capture_technique = models.CharField(
        _("capture technique"), max_length=40, blank=True, choices=choices.CAPTURE_TECHNIQUES
    )
    capture_equipment = models.TextField(_("equipment"), blank=True)
    processing_software = models.TextField(_("software"), blank=True)
    capture_date = models.DateField(_("capture date"), null=True, blank=True)
    processing_date = models.DateField(_("processing date"), null=True, blank=True)
    operators = models.TextField(_("operators"), blank=True)
    image_count = models.PositiveIntegerField(_("number of images"), null=True, blank=True)
    scan_station_count = models.PositiveIntegerField(
        _("number of scan stations"), null=True, blank=True
    )
    accuracy = models.CharField(
        _("accuracy"), max_length=100, blank=True, help_text=_("E.g. “±0.5 mm”.")
    )
    resolution = models.CharField(
        _("resolution"), max_length=100, blank=True,
        help_text=_("E.g. “0.2 mm point spacing” or “2 mm ground sampling distance”."),
    )
    processing_steps = models.TextField(_("processing steps"), blank=True)
    digital_source_type = models.CharField(
        _("digital source type"), max_length=40, blank=True, choices=choices.DIGITAL_SOURCE_TYPES,
        help_text=_("IPTC digital source type, exported as schema:digitalSourceType."),
    )

    models_3d = StreamField(
        [("model", ModelViewerBlock())], blank=True, verbose_name=_("3D models"),
        help_text=_("One or more models, e.g. the whole site and its details; the first is shown "
                    "first and used as the asset's poster."),
    )
    stories = StreamField(StoryBlock(), blank=True, verbose_name=_("stories"))

    base_form_class = AssetPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("models_3d"),
        FieldPanel("heritage_type"),
        FieldPanel("priority_categories"),
        FieldPanel("institution"),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("date_display"),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
            ],
            heading=_("Dating"),
        ),
        InlinePanel("gallery_images", label=_("Image gallery")),
        InlinePanel("elements", label=_("Elements within the site")),
        FieldPanel("stories"),
    ]
    reuse_panels = [
        FieldPanel("reuse_statement"),
        FieldPanel("reuse_audiences"),
        FieldPanel("usage_areas"),
        FieldPanel("reuse_scope"),
        MultiFieldPanel(
            [FieldPanel("rights_uri"), FieldPanel("credit_line")], heading=_("Rights")
        ),
    ]
    paradata_panels = [
        FieldPanel("capture_technique"),
        FieldPanel("digital_source_type"),
        FieldPanel("capture_equipment"),
        FieldPanel("processing_software"),
        FieldRowPanel([FieldPanel("capture_date"), FieldPanel("processing_date")]),
        FieldPanel("operators"),
        FieldRowPanel([FieldPanel("image_count"), FieldPanel("scan_station_count")]),
        FieldRowPanel([FieldPanel("accuracy"), FieldPanel("resolution")]),
        FieldPanel("processing_steps"),
    ]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList([TierPanel(heading=_("Predicted Europeana tiers"))], heading=_("Europeana")),
        ObjectList(reuse_panels, heading=_("Reuse and rights")),
        ObjectList(paradata_panels, heading=_("Paradata")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])

    # What a reader can find: the texts of the page in its own language, paradata, reuse intent,
    # and the labels readers type (country, type, usage areas, technique) in the page's language.
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("place_name"),
        index.SearchField("date_display"),
        index.SearchField("stories"),
        index.SearchField("reuse_statement"),
        index.SearchField("reuse_audiences"),
        index.SearchField("reuse_scope"),
        index.SearchField("capture_equipment"),
        index.SearchField("processing_software"),
        index.SearchField("operators"),
        index.SearchField("processing_steps"),
        index.SearchField("search_labels"),
        index.RelatedFields("elements", [
            index.SearchField("name"), index.SearchField("description"),
        ]),
        index.FilterField("heritage_type"),
        index.FilterField("start_year"),
        index.FilterField("end_year"),
    ]

    parent_page_types = ["twinit_pages.MemberStatePage"]
    subpage_types = []

    # What translators translate, and what stays as the source says (see README: translation).
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("description"),
        TranslatableField("place_name"),
        TranslatableField("date_display"),
        TranslatableField("reuse_statement"),
        TranslatableField("reuse_audiences"),
        TranslatableField("reuse_scope"),
        TranslatableField("credit_line"),
        TranslatableField("capture_equipment"),
        TranslatableField("processing_software"),
        TranslatableField("operators"),
        TranslatableField("accuracy"),
        TranslatableField("resolution"),
        TranslatableField("processing_steps"),
        TranslatableField("stories"),
        TranslatableField("models_3d"),
        TranslatableField("gallery_images"),
        TranslatableField("elements"),
        SynchronizedField("heritage_type"),
        SynchronizedField("priority_categories"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("start_year"),
        SynchronizedField("end_year"),
        SynchronizedField("institution"),
        SynchronizedField("usage_areas"),
        SynchronizedField("rights_uri"),
        SynchronizedField("capture_technique"),
        SynchronizedField("capture_date"),
        SynchronizedField("processing_date"),
        SynchronizedField("image_count"),
        SynchronizedField("scan_station_count"),
        SynchronizedField("digital_source_type"),
    ]

    class Meta:
        verbose_name = _("heritage asset")

    def get_context(self, request, *args, **kwargs):
        from twinit_pages import queries, reuse

        context = super().get_context(request, *args, **kwargs)
        url = self.get_full_url(request)
        more = queries.more_from_country(self)
        context.update(
            page_url=url,
            citation=reuse.citation(self, url),
            embed_snippet=reuse.embed_snippet(self),
            share_links=reuse.share_links(self.title, url),
            more_from_country=more,
            related_assets=queries.related_assets(
                self, exclude_keys=[asset.translation_key for asset in more]),
        )
        return context

    def get_admin_display_title(self):
        # Another country's viewer sees the live title, never the draft's (draft confidentiality).
        from workflows.confidentiality import display_title

        return display_title(self, super().get_admin_display_title())

    # --- derived, read by templates and exports ---

    @property
    def country_code(self):
        return geography.country_of(self)

    def three_d_models(self):
        """The 3D models this asset shows, in page order, without duplicates."""
        seen, models = set(), []
        for block in self.models_3d:
            model = block.value.get("model")
            if model is not None and model.pk not in seen:
                seen.add(model.pk)
                models.append(model)
        return models

    @property
    def public_credit_line(self):
        """The one credit line a reader sees for the asset: its own, else its first ready 3D
        model's (the viewer caption leaves the model's out, so the page never shows two)."""
        if self.credit_line:
            return self.credit_line
        return next((m.credit_line for m in self.three_d_models()
                     if m.is_ready and m.credit_line), "")

    @property
    def poster_url(self):
        """The first ready model's thumbnail, for cards, og:image and edm:object."""
        return poster_of(self.three_d_models())

    # What a listing card shows. Listings fill these for a whole page of cards at once
    # (``twinit_pages.queries.with_cards``); these fallbacks serve a card rendered on its own.
    @cached_property
    def card_poster(self):
        return self.poster_url

    @cached_property
    def card_image(self):
        return self.gallery_images.select_related("image").first()

    @cached_property
    def card_country(self):
        return self.country_name

    @property
    def country_name(self):
        return choices.label_for(choices.MEMBER_STATES, self.country_code)

    def search_labels(self):
        """Vocabulary labels in the page's language (and the codes), for the search index."""
        codes = [self.country_code, self.heritage_type, self.capture_technique,
                 *self.usage_areas, *self.priority_categories]
        with translation.override(self.locale.language_code):
            labels = [
                str(self.country_name), str(self.heritage_type_label()),
                str(choices.label_for(choices.CAPTURE_TECHNIQUES, self.capture_technique)),
                *map(str, self.usage_area_labels()), *map(str, self.priority_category_labels()),
            ]
        return " ".join(dict.fromkeys(word for word in codes + labels if word))

    def rights_short_name(self):
        return choices.RIGHTS_SHORT_NAMES.get(self.rights_uri, "")

    def heritage_type_label(self):
        return choices.label_for(choices.HERITAGE_TYPES, self.heritage_type)

    def priority_category_labels(self):
        return [choices.label_for(choices.PRIORITY_CATEGORIES, c) for c in self.priority_categories]

    def usage_area_labels(self):
        return [choices.label_for(choices.USAGE_AREAS, c) for c in self.usage_areas]

    def rights_label(self):
        return choices.label_for(choices.RIGHTS, self.rights_uri)

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors[field] = _("Give both latitude and longitude, or neither.")
        if self.start_year is not None and self.end_year is not None:
            if self.start_year > self.end_year:
                errors["end_year"] = _("The end year must not be before the start year.")
        if errors:
            raise ValidationError(errors)


def poster_of(models):
    """The thumbnail URL of the first ready model among `models` (in page order), or ""."""
    for model in models:
        if model.is_ready and model.thumbnail:
            return model.thumbnail.url
    return ""


class AssetGalleryImage(TranslatableMixin, Orderable):
    """A 2D image of the asset. The image itself may be replaced per language (text in it)."""

    page = ParentalKey(HeritageAssetPage, related_name="gallery_images", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        _("alt text"), max_length=255,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]
    translatable_fields = [
        TranslatableField("alt_text"),
        TranslatableField("caption"),
        SynchronizedField("image", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("gallery image")


class AssetElement(TranslatableMixin, Orderable):
    """An element or movable object within a site, with its own description and image."""

    page = ParentalKey(HeritageAssetPage, related_name="elements", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt_text = models.CharField(_("image alt text"), max_length=255, blank=True)
    model = models.ForeignKey(
        "models3d.ThreeDModel", verbose_name=_("3D model"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("The model on which this element is shown, if any."),
    )
    position = models.CharField(
        _("position on the model"), max_length=100, blank=True,
        validators=[RegexValidator(VECTOR3, _("Three numbers “x y z”, e.g. “0.1 1.25 0.3”."))],
    )

    panels = [
        FieldPanel("name"), FieldPanel("description"), FieldPanel("image"),
        FieldPanel("image_alt_text"), FieldPanel("model"), FieldPanel("position"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("image_alt_text"),
        SynchronizedField("image", overridable=True),
        SynchronizedField("model"),
        SynchronizedField("position"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("element within the site")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt_text:
            raise ValidationError({"image_alt_text": _("Describe the image for screen readers.")})
        if self.position and not self.model_id:
            raise ValidationError({"model": _("Choose the model this position is on.")})
