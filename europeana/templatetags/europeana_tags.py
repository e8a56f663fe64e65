"""{% asset_head_meta page as meta %}: oEmbed discovery, JSON-LD and OpenGraph data of an asset."""

from django import template

register = template.Library()


@register.simple_tag
def asset_head_meta(page):
    """Meta data of a live asset page, or None (drafts and previews get no open-data tags)."""
    from europeana.public import head_meta
    from europeana.record import record_for

    page = getattr(page, "specific", page)
    if not getattr(page, "pk", None) or not getattr(page, "live", False):
        return None
    return head_meta(record_for(page))
