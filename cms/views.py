"""Site furniture: robots.txt, the favicon, and error pages in the reader's language."""

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.template import loader
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.http import require_GET

from campaign.languages import LANGUAGE_CODES
from europeana.record import base_url


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /*/search/",
        f"Sitemap: {base_url()}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def language_of(request):
    """The reader's language from the URL prefix (error pages may run before any view did)."""
    prefix = request.path.lstrip("/").split("/", 1)[0]
    return prefix if prefix in LANGUAGE_CODES else settings.LANGUAGE_CODE


def page_not_found(request, exception=None):
    with translation.override(language_of(request)):
        body = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponse(body, status=404)


def server_error(request):
    """A self-contained page: no database, no context processors that might fail again."""
    with translation.override(language_of(request)):
        body = loader.render_to_string("500.html")
    return HttpResponse(body, status=500)
