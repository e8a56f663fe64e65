"""URLconf for the browser test: the project's URLs plus the 3D pages and media files."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

from cms.urls import urlpatterns as project_urlpatterns


def media(request, path):
    # MEDIA_ROOT is read per request: each test points it at its own temporary folder.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def block_page(request, slug, pk):
    """The ModelViewerBlock as an asset page renders it, with the demo's annotations."""
    from django.http import HttpResponse

    from models3d.blocks import ModelViewerBlock
    from models3d.demo_loader import demo_viewer_value
    from models3d.models import ThreeDModel

    block = ModelViewerBlock()
    value = block.to_python(block.get_prep_value(
        demo_viewer_value(slug, ThreeDModel.objects.get(pk=pk))))
    return HttpResponse(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>3D</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<link rel='icon' href='data:,'></head><body>" + block.render(value) + "</body></html>")


urlpatterns = [
    path("block/<slug:slug>/<int:pk>/", block_page),
    path("3d/", include("models3d.urls")),
    re_path(r"^media/(?P<path>.*)$", media),
    *project_urlpatterns,
]
