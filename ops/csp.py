"""Which Content-Security-Policy applies where (the policies themselves are in settings).

Public pages get the strict ``CONTENT_SECURITY_POLICY``: scripts only from our origin, no inline
script at all. The Wagtail and Django admins ship inline scripts (inline panels, date widgets),
so their pages keep every other rule but allow inline scripts (``CSP_ADMIN_REPLACE``).
Embeds (oEmbed, Europeana.eu) open up ``frame-ancestors`` with django-csp's own decorator.
"""

from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class AdminPolicyMiddleware:
    """Placed after ``csp.middleware.CSPMiddleware``, so it marks the response before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIXES) and not hasattr(response, "_csp_replace"):
            response._csp_replace = settings.CSP_ADMIN_REPLACE
        return response
