"""Remembers the admin user of the request, so page titles can be chosen per viewer.

See ``workflows.confidentiality``: Wagtail prints ``page.get_admin_display_title()`` (the draft
title) in listings, choosers and error messages where no request is passed along.
"""

from workflows.confidentiality import current_user


class ConfidentialityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            current_user.reset(token)
