from django.urls import path

from . import freshness_views, open_data_views, registration_views, views

app_name = "initiatives"

urlpatterns = [
    path("activiteiten/", views.activity_list, name="activity_list"),
    path("activiteiten/agenda.ics", views.activities_calendar, name="activities_calendar"),
    path(
        "activiteiten/<int:page_id>/agenda.ics",
        views.activity_calendar,
        name="activity_calendar",
    ),
    path(
        "initiatieven/<int:page_id>/agenda.ics",
        views.initiative_calendar,
        name="initiative_calendar",
    ),
    # The short address under a printed QR code (docs/print.md).
    path("a/<int:page_id>/", views.short_link, name="short_link"),
    path("ontmoetingsplekken/", views.meeting_place_list, name="meeting_place_list"),
    path("vacatures/", views.vacancy_list, name="vacancy_list"),
    path("initiatief-aanmelden/", registration_views.register, name="register"),
    path(
        "initiatief-aanmelden/bedankt/",
        registration_views.register_thanks,
        name="register_thanks",
    ),
    path(
        "initiatief-aanmelden/bevestigen/<str:token>/",
        registration_views.register_confirm,
        name="register_confirm",
    ),
    path(
        "initiatief-aanmelden/bevestigd/",
        registration_views.register_confirmed,
        name="register_confirmed",
    ),
    path(
        "klopt-dit-nog/<str:token>/",
        freshness_views.listing_confirm,
        name="listing_confirm",
    ),
    path("klopt-dit-nog/", freshness_views.listing_confirmed, name="listing_confirmed"),
    path("open-data/hsds.json", open_data_views.hsds_dump, name="hsds"),
    path("open-data/hsds/services", open_data_views.services, name="hsds_services"),
    path(
        "open-data/hsds/services/<str:service_id>",
        open_data_views.service,
        name="hsds_service",
    ),
    path("open-data/hsds/organizations", open_data_views.organizations, name="hsds_organizations"),
    path("open-data/hsds/locations", open_data_views.locations, name="hsds_locations"),
]
