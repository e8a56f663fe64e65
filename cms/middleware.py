"""Readers see the designed "page not found" even while DEBUG is on (the demo runs with it).

Django answers an Http404 raised by a view with its technical page when DEBUG is on; for public
pages that hides what readers really get. The admin and non-page URLs keep Django's behaviour.
"""

from django.conf import settings
from django.http import Http404

from cms.views import page_not_found

KEEP_TECHNICAL = ("/admin/", "/django-admin/", "/static/", "/media/")


class PublicNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404) and not request.path.startswith(
            KEEP_TECHNICAL
        ):
            return page_not_found(request, exception)
        return None
