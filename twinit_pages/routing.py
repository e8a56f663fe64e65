"""Serve every page in every language.

A reader at ``/fr/…`` whose page has no French version gets the source page under the French
interface (``base.html`` then says so and marks the content's language). Wagtail already serves
the source tree when a language has no home page at all; this mixin covers the case where a
language has some pages but not the one asked for: a branch that is missing in the reader's
tree is looked up in the source (default-language) tree instead of answering 404.
"""

from django.conf import settings
from django.http import Http404
from wagtail.models import Locale


class ReaderLanguageRouteMixin:
    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or self.locale.language_code == settings.LANGUAGE_CODE:
                raise
            default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
            source = self.get_translation_or_none(default) if default else None
            if source is None or not source.live:
                raise
            return source.specific.route(request, path_components)
