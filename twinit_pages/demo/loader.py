"""Builds the demo campaign site. Idempotent: running it again finds what exists and adds nothing."""

import json
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from twinit_pages.demo import content
from twinit_pages.demo.images import render_jpeg
from twinit_pages.models import (
    AssetElement,
    AssetGalleryImage,
    CampaignHomePage,
    CampaignPage,
    FeaturedAsset,
    HeritageAssetPage,
    Institution,
    MemberStatePage,
)

DATE_FIELDS = ("capture_date", "processing_date")
PLAIN_FIELDS = (
    "summary", "description", "heritage_type", "priority_categories", "place_name",
    "date_display", "start_year", "end_year", "reuse_statement", "reuse_audiences",
    "usage_areas", "reuse_scope", "rights_uri", "capture_technique", "digital_source_type",
    "capture_equipment", "processing_software", "operators", "image_count",
    "scan_station_count", "accuracy", "resolution", "processing_steps",
)


def stream(blocks):
    """Raw StreamField JSON from (type, value) pairs, the form Wagtail parses on assignment."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def publish(page):
    page.save_revision().publish()
    return page


def ensure_tree_roots():
    """The default locale, root page and root collection Wagtail's migrations normally create.

    They are missing after a database flush (transactional tests), and the demo needs them.
    """
    locale = Locale.get_default() if Locale.objects.exists() else Locale.objects.create(
        language_code=settings.LANGUAGE_CODE
    )
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return locale


class DemoLoader:
    def __init__(self, log=print):
        self.log = log
        self.locale = ensure_tree_roots()
        self.created = 0

    @transaction.atomic
    def run(self):
        home = self.home_page()
        states = {state["iso_code"]: self.member_state(home, state)
                  for state in content.member_state_pages()}
        institutions = {item["key"]: self.institution(item) for item in content.INSTITUTIONS}
        assets = [self.asset(states[item["country"]], institutions[item["country"]], item)
                  for item in content.ASSETS]
        for item in content.CAMPAIGN_PAGES:
            self.campaign_page(home, item)
        if not home.featured_assets.exists():
            for order, asset in enumerate(assets[:3]):
                FeaturedAsset.objects.create(home=home, asset=asset, sort_order=order)
            publish(home)
        return assets

    # --- pages ---

    def home_page(self):
        home = CampaignHomePage.objects.filter(locale=self.locale).first()
        if home:
            return home
        root = Page.get_first_root_node()
        # Wagtail's install leaves a "Welcome" page at the site root; the campaign replaces it.
        for page in root.get_children().filter(content_type__model="page", slug="home"):
            page.delete()
        home = CampaignHomePage(slug="home", locale=self.locale, **{
            key: content.HOME[key] for key in ("title", "intro", "call_to_action")
        })
        root.add_child(instance=home)
        publish(home)
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        site.root_page = home
        site.site_name = content.HOME["title"]
        site.save()
        self.created += 1
        return home

    def member_state(self, home, data):
        state = MemberStatePage.objects.filter(
            iso_code=data["iso_code"], locale=self.locale
        ).first()
        if state:
            return state
        state = MemberStatePage(locale=self.locale, **data)
        home.add_child(instance=state)
        self.created += 1
        return publish(state)

    def institution(self, data):
        institution, created = Institution.objects.get_or_create(
            name=data["name"], locale=self.locale,
            defaults={k: data[k] for k in ("country", "website", "wikidata")},
        )
        self.created += created
        return institution

    def image(self, motif, title):
        Image = get_image_model()
        image = Image.objects.filter(title=title).first()
        if image is None:
            from io import BytesIO

            image = Image(title=title)
            image.file = ImageFile(BytesIO(render_jpeg(motif)), name=f"demo-{motif}.jpg")
            image.save()
            self.created += 1
        return image

    def asset(self, state, institution, data):
        existing = HeritageAssetPage.objects.child_of(state).filter(slug=data["slug"]).first()
        if existing:
            return existing.specific
        page = HeritageAssetPage(
            title=data["title"], slug=data["slug"], locale=self.locale,
            institution=institution, credit_line=institution.name,
        )
        for field in PLAIN_FIELDS:
            if field in data:
                setattr(page, field, data[field])
        for field in DATE_FIELDS:
            if field in data:
                setattr(page, field, date.fromisoformat(data[field]))
        if "latitude" in data:
            page.latitude, page.longitude = Decimal(data["latitude"]), Decimal(data["longitude"])
        heading, text, events, steps = data["story"]
        story_blocks = [("heading", heading), ("text", text)]
        story_blocks += [
            ("timeline_event", {"date_label": label, "year": year, "heading": head,
                                "text": f"<p>{body}</p>"})
            for label, year, head, body in events
        ]
        story_blocks += [
            ("poi_step", {"heading": head, "text": f"<p>{body}</p>", "hotspot_label": label,
                          "image": None})
            for label, head, body in steps
        ]
        page.stories = stream(story_blocks)
        image = self.image(data["motif"], f"Demo: {data['title']}")
        page.gallery_images = [AssetGalleryImage(
            image=image, alt_text=f"Illustration of {data['title']}",
            caption=f"{data['title']} (illustration generated for the demo)",
        )]
        page.elements = [AssetElement(name=name, description=description)
                         for name, description in data["elements"]]
        state.add_child(instance=page)
        self.created += 1
        return publish(page)

    def campaign_page(self, home, data):
        if CampaignPage.objects.child_of(home).filter(slug=data["slug"]).exists():
            return
        page = CampaignPage(title=data["title"], slug=data["slug"], intro=data["intro"],
                            locale=self.locale, body=stream(data["body"]),
                            show_in_menus=True)
        home.add_child(instance=page)
        self.created += 1
        publish(page)
