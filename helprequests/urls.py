from django.urls import path

from . import views

app_name = "helprequests"

urlpatterns = [
    path("hulpvragen/", views.help_list, name="help_list"),
    path("hulpvragen/nieuw/", views.help_create, name="help_create"),
    path("hulpvragen/moderatie/", views.moderation, name="help_moderation"),
    path("hulpvragen/moderatie/<int:pk>/", views.moderate, name="help_moderate"),
    path("hulpvragen/<int:pk>/", views.help_detail, name="help_detail"),
    path("mijn-hulpvragen/", views.my_help_requests, name="my_help_requests"),
    path(
        "mijn-hulpvragen/<int:pk>/bewerken/",
        views.help_request_edit,
        name="help_request_edit",
    ),
    path(
        "mijn-hulpvragen/<int:pk>/status/",
        views.help_request_status,
        name="help_request_status",
    ),
    path(
        "mijn-hulpvragen/aanbod/<int:pk>/accepteren/",
        views.help_offer_accept,
        name="help_offer_accept",
    ),
]
