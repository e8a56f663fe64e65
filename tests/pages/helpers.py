"""Building admin form posts the way Wagtail's page editor sends them."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from twinit_pages.demo.content import ASSETS


def complete_asset_values(institution_id, **overrides):
    """Field values of a complete asset, as a contributor fills them in the editor."""
    demo = ASSETS[3]
    values = {
        "title": "Kiek in de Kök",
        "slug": "kiek-in-de-kok",
        "summary": "A cannon tower of Tallinn's town wall.",
        "description": rich_text("<p>Built around 1475.</p>"),
        "heritage_type": "monument",
        "priority_categories": ["most_visited"],
        "institution": institution_id,
        "place_name": "Tallinn",
        "latitude": "59.434",
        "longitude": "24.741",
        "date_display": "c. 1475",
        "start_year": "1470",
        "end_year": "1480",
        "reuse_statement": demo["reuse_statement"],
        "reuse_audiences": "",
        "usage_areas": ["Tourism", "Education"],
        "reuse_scope": "",
        "rights_uri": "http://creativecommons.org/licenses/by/4.0/",
        "credit_line": "Tallinn City Museum",
        "capture_technique": "photogrammetry",
        "digital_source_type": "digitalCapture",
        "capture_equipment": "",
        "processing_software": "",
        "capture_date": "",
        "processing_date": "",
        "operators": "",
        "image_count": "",
        "scan_station_count": "",
        "accuracy": "",
        "resolution": "",
        "processing_steps": "",
        "stories": streamfield([]),
        "models_3d": streamfield([]),
        "gallery_images": inline_formset([]),
        "elements": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    values.update(overrides)
    return values


MULTI_VALUE_FIELDS = ("priority_categories", "usage_areas")


def asset_post(institution_id, action=None, **overrides):
    values = complete_asset_values(institution_id, **overrides)
    # Checkbox lists post one value per box, not nested form keys.
    multi = {name: values.pop(name) for name in MULTI_VALUE_FIELDS}
    data = nested_form_data(values)
    data.update(multi)
    if action:
        data[action] = "1"
    return data


def all_sitemaps(client):
    """The sitemap index and every sitemap it lists (all pages of each), as one text."""
    import re
    from urllib.parse import urlparse

    index = client.get("/sitemap.xml").content.decode()
    texts = [index]
    for loc in re.findall(r"<loc>([^<]+)</loc>", index):
        url = urlparse(loc)
        response = client.get(url.path, dict([url.query.split("=")]) if url.query else {})
        assert response.status_code == 200, loc
        texts.append(response.content.decode())
    return "\n".join(texts)
