"""Public open-data URLs. cms/urls.py includes them before Wagtail's page catch-all and outside
i18n_patterns: ``path("", include("europeana.urls"))``."""

from django.urls import path

from . import oai, views

urlpatterns = [
    path("oai/", oai.endpoint, name="europeana_oai"),
    path("oembed/", views.oembed, name="europeana_oembed"),
    path("embed/<int:page_id>/", views.embed, name="europeana_embed"),
    path("api/v1/assets/", views.asset_list, name="europeana_api_assets"),
    path("api/v1/assets/<int:page_id>/", views.asset_detail, name="europeana_api_asset"),
    path("api/v1/assets/<int:page_id>/paradata", views.asset_paradata,
         name="europeana_api_paradata"),
    path("api/v1/assets/<int:page_id>/edm.xml", views.asset_edm, name="europeana_api_edm"),
    path("iiif/<int:page_id>/manifest.json", views.iiif_manifest, name="europeana_iiif_manifest"),
    path("api/v1/openapi.json", views.openapi, name="europeana_openapi"),
    path("id/asset/<int:page_id>", views.resolve_id, name="europeana_id"),
    path("id/asset/<int:page_id>/<slug:part>", views.resolve_id, name="europeana_id_part"),
    path("api/", views.api_root, name="europeana_api_root"),
    path("api/v1/", views.api_root),
    path("dataset/", views.dataset, name="europeana_dataset"),
    path("dataset/<str:country>.zip", views.dataset, name="europeana_dataset_country"),
]
