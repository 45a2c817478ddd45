from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("zoeken/", views.search_page, name="page"),
    path("zoeken/suggesties/", views.search_suggestions, name="suggestions"),
    path("even-vrij/", views.respite_page, name="respite"),
    path("api/search/", views.search_api, name="api"),
    path("api/search.geojson", views.search_geojson, name="geojson"),
]
