"""The "Zoekwoorden" snippet: search synonyms moderators edit."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "Zoekwoorden"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["term", "synonyms", "two_way"]
    search_fields = ["term", "synonyms"]
    panels = [FieldPanel("term"), FieldPanel("synonyms"), FieldPanel("two_way")]


register_snippet(SearchSynonymViewSet)
