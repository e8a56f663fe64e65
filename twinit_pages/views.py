"""Public views that are not pages."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

from twinit_pages.queries import search_pages


def search(request):
    """Site search over live, public pages in the reader's language only (never drafts)."""
    query = request.GET.get("q", "").strip()
    results = Page.objects.none()
    if query:
        results = search_pages(
            Page.objects.live().public().filter(locale=Locale.get_active()).specific(), query
        )
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "twinit_pages/search.html", {"query": query, "results": page})
