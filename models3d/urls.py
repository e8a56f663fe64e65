"""Public URLs: include with ``path("3d/", include("models3d.urls"))``."""

from django.urls import path

from . import public_views

app_name = "models3d_public"

urlpatterns = [
    path("<int:pk>/", public_views.model_page, name="model"),
    path("<int:pk>/embed/", public_views.model_embed, name="embed"),
]
