"""The project's URLs with europeana.urls included as cms/urls.py will include them."""

from django.urls import include, path

from cms.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("", include("europeana.urls")), *project_urlpatterns]
