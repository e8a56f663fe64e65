from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from twinit_pages.models import Institution


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "group"
    menu_label = "Institutions"
    list_display = ["name", "country", "website"]
    list_filter = ["country"]
    search_fields = ["name"]


register_snippet(InstitutionViewSet)
