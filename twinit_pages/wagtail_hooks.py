from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

from twinit_pages import explorer
from twinit_pages.models import Institution
from workflows.deletion import InUseProtectedDeleteMixin


class InstitutionDeleteView(InUseProtectedDeleteMixin, DeleteView):
    """An institution named by a live page is deleted by a superuser only."""


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "group"
    menu_label = "Institutions"
    list_display = ["name", "country", "website"]
    list_filter = ["country"]
    search_fields = ["name"]
    delete_view_class = InstitutionDeleteView


register_snippet(InstitutionViewSet)


# The explorer answers wagtail-localize's per-row questions in its one query (explorer.py).
hooks.register("construct_explorer_page_queryset", explorer.construct_explorer_page_queryset)
