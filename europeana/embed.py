"""The iframe that embeds one asset's 3D viewer: one snippet for oEmbed and the asset page."""

from django.utils.html import escape

from europeana.record import embed_url

DEFAULT_WIDTH, DEFAULT_HEIGHT = 640, 480


def embed_html(page_id, title, width=DEFAULT_WIDTH, height=DEFAULT_HEIGHT):
    return (
        f'<iframe src="{embed_url(page_id)}" width="{width}" height="{height}" '
        f'title="{escape(title)}" loading="lazy" allow="fullscreen; xr-spatial-tracking" '
        'allowfullscreen style="border:0"></iframe>'
    )
