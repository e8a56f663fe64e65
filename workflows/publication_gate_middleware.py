"""Turns a refusal of the publication gate, wherever it is raised, into a message, not a 500.

Most admin paths check the gate before acting (the page editor, workflow actions); others only
meet it inside ``Page.publish()`` (wagtail-localize's translation editor, bulk publishing). The
request is sent back where it came from with the gate's reason.
"""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin import messages

from workflows.gate import Refused


class PublicationGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refused):
            return None
        messages.error(request, str(exception))
        back = request.headers.get("referer") or ""
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = "wagtailadmin_home"
        return redirect(back)
