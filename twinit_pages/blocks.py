"""StreamField blocks for stories and campaign content."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=255, help_text=_("Describe the image for people who cannot see it.")
    )
    caption = blocks.CharBlock(required=False, max_length=500)
    credit = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "twinit_pages/blocks/image_with_caption.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "twinit_pages/blocks/quote.html"


class TimelineEventBlock(blocks.StructBlock):
    date_label = blocks.CharBlock(
        max_length=100, help_text=_("As readers should see it, e.g. “c. 450 BCE” or “1755”.")
    )
    year = blocks.IntegerBlock(
        required=False, help_text=_("For ordering; negative for BCE."), min_value=-100000,
        max_value=3000,
    )
    heading = blocks.CharBlock(max_length=255)
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], required=False)

    class Meta:
        icon = "date"
        template = "twinit_pages/blocks/timeline_event.html"


class PointOfInterestStepBlock(blocks.StructBlock):
    """One stop of a guided tour; the 3D viewer's hotspot of the same label shows it on the model."""

    heading = blocks.CharBlock(max_length=255)
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])
    hotspot_label = blocks.CharBlock(
        required=False, max_length=100,
        help_text=_("Label of the annotation on the 3D model this step points at."),
    )
    image = ImageChooserBlock(required=False)
    image_alt_text = blocks.CharBlock(
        required=False, max_length=255, default="",
        help_text=_("Describe the image for people who cannot see it (needed with an image)."),
    )

    class Meta:
        icon = "site"
        template = "twinit_pages/blocks/poi_step.html"


    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("image_alt_text"):
            raise blocks.StructBlockValidationError(
                block_errors={"image_alt_text": ValidationError(
                    _("Describe the image for screen readers."))}
            )
        return value


class StoryBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=255, icon="title", template="twinit_pages/blocks/heading.html"
    )
    text = blocks.RichTextBlock(
        features=["h3", "h4", "bold", "italic", "link", "ol", "ul"], icon="pilcrow"
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    timeline_event = TimelineEventBlock()
    poi_step = PointOfInterestStepBlock(label=_("Point-of-interest step"))
    embed = EmbedBlock(icon="media", template="twinit_pages/blocks/embed.html")


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=255)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        template = "twinit_pages/blocks/faq_item.html"


class CampaignContentBlock(StoryBlock):
    # On a campaign page the body's headings sit right under the page title.
    heading = blocks.CharBlock(
        max_length=255, icon="title", template="twinit_pages/blocks/section_heading.html"
    )
    faq_item = FaqItemBlock(label=_("FAQ item"))
