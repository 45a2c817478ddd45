from django.urls import path

from . import calendar_views, embed_views, print_views, views

app_name = "search"

urlpatterns = [
    path("zoeken/", views.search_page, name="page"),
    path("zoeken/suggesties/", views.search_suggestions, name="suggestions"),
    path("even-vrij/", views.respite_page, name="respite"),
    # The month calendar (docs/search.md); the printable week is /agenda/afdrukken/.
    path("agenda/", calendar_views.month_page, name="month"),
    path("api/search/", views.search_api, name="api"),
    path("api/search.geojson", views.search_geojson, name="geojson"),
    # Embeds for other sites and their feeds (docs/embed.md).
    path("embed/activiteiten/", embed_views.embed_activities, name="embed_activities"),
    path("embed/activiteiten.atom", embed_views.activities_atom, name="embed_activities_atom"),
    path("embed/activiteiten.rss", embed_views.activities_rss, name="embed_activities_rss"),
    path("embed/initiatief/<int:page_id>/", embed_views.embed_initiative, name="embed_initiative"),
    path(
        "embed/initiatief/<int:page_id>.atom",
        embed_views.initiative_atom,
        name="embed_initiative_atom",
    ),
    path(
        "embed/initiatief/<int:page_id>.rss",
        embed_views.initiative_rss,
        name="embed_initiative_rss",
    ),
    # The printed weekly agenda for a notice board (docs/print.md).
    path("agenda/afdrukken/", print_views.wijk_agenda, name="print_agenda"),
    path("agenda/afdrukken/agenda.pdf", print_views.wijk_agenda_pdf, name="print_agenda_pdf"),
    path(
        "agenda/afdrukken/initiatief/<int:page_id>/",
        print_views.initiative_agenda,
        name="print_initiative",
    ),
    path(
        "agenda/afdrukken/initiatief/<int:page_id>/agenda.pdf",
        print_views.initiative_agenda_pdf,
        name="print_initiative_pdf",
    ),
]
