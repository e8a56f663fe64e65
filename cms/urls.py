from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import favicon, robots_txt
from europeana.views import reuse
from locales.machine import machine_translate_view
from ops.views import healthz
from twinit_pages import sitemaps
from twinit_pages.views import collection_map, collection_map_points, explorer, search
from workflows.external_link import ConfidentialExternalLinkView

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon),
    path("django-admin/", admin.site.urls),
    # Answers wagtail-localize's own machine translation URL, before the admin's (locales.machine).
    path("admin/localize/translate/<int:translation_id>/machine_translate/",
         require_admin_access(machine_translate_view), name="twinit_machine_translate"),
    # Answers Wagtail's external-link chooser before the admin's, naming pages as the user may
    # see them (workflows.external_link).
    path("admin/choose-external-link/",
         require_admin_access(ConfidentialExternalLinkView.as_view()),
         name="twinit_choose_external_link"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.index, name="twinit_sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="twinit_sitemap_section"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Language-independent, stable URLs for 3D model pages and embeds.
    path("3d/", include("models3d.urls")),
    # Open data: OAI-PMH, oEmbed, embeds, the public API, dataset downloads, stable entity URIs.
    path("", include("europeana.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages carry their language in the URL (/en/, /fr/ …); English keeps its prefix too.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("collection/", explorer, name="collection"),
    # The names visitors try for the explorer (europeana.eu, museum sites) lead to it.
    path("browse/", RedirectView.as_view(pattern_name="collection", query_string=True)),
    path("explore/", RedirectView.as_view(pattern_name="collection", query_string=True)),
    path("map/", collection_map, name="map"),
    path("reuse/", reuse, name="reuse"),
    path("map/assets.json", collection_map_points, name="map_points"),
    path("", include(wagtail_urls)),
)
