"""The sitemap index: one sitemap per language and section (campaign pages, heritage assets).

Search engines read at most 50,000 URLs per sitemap file; a campaign of 50,000 assets in 24
languages is far beyond that, so ``/sitemap.xml`` is an index of ``/sitemap-<lang>-<section>.xml``
files, each split into pages of ``Section.limit`` URLs (``?p=2`` …) with the ``lastmod`` of
every URL and of every file. Only live, public pages are listed; each page is read as a plain
``Page`` row (no specific model, no per-page query).
"""

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import Http404
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from twinit_pages.models import HeritageAssetPage

SECTIONS = ("pages", "assets")


class Section(Sitemap):
    limit = 10_000  # URLs per sitemap file: a fifth of the protocol's 50,000 keeps files small

    def __init__(self, request, home_path, kind):
        super().__init__(request)
        self.home_path = home_path
        self.kind = kind

    def items(self):
        pages = Page.objects.filter(path__startswith=self.home_path).live().public()
        pages = (pages.type(HeritageAssetPage) if self.kind == "assets"
                 else pages.not_type(HeritageAssetPage))
        return pages.order_by("path")

    def get_latest_lastmod(self):
        """The file's lastmod for the index, from one aggregate (never the items in Python)."""
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


def sections_for(request):
    """{"<lang>-<section>": Section} for every language the site's home page exists in."""
    site = Section(request, "", "pages").get_wagtail_site()
    homes = (
        Page.objects.filter(translation_key=site.root_page.translation_key).live()
        .order_by("locale__language_code").values_list("locale__language_code", "path")
    )
    return {
        f"{language}-{kind}": Section(request, path, kind)
        for language, path in homes for kind in SECTIONS
    }


@require_GET
def index(request):
    return sitemap_views.index(request, sections_for(request),
                               sitemap_url_name="twinit_sitemap_section")


@require_GET
def section(request, section):
    sections = sections_for(request)
    if section not in sections:
        raise Http404("No such sitemap.")
    return sitemap_views.sitemap(request, sections, section=section)
