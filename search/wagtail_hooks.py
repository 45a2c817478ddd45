"""Admin pieces of search: the "Zoekwoorden" snippet (synonyms moderators
edit) and the unmet-demand CSV under the overview."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .demand_views import demand_csv
from .models import SearchSynonym


@hooks.register("register_admin_urls")
def register_demand_csv_url():
    return [path("overzicht/zoekvragen.csv", demand_csv, name="search_demand_csv")]


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
