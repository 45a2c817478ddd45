from django.urls import path

from . import matching_views, privacy_views, views

app_name = "volunteers"

urlpatterns = [
    path("profiel/", views.profile, name="profile"),
    path("vacatures/<int:page_id>/reageren/", views.respond, name="respond"),
    path("mijn-reacties/", views.my_responses, name="my_responses"),
    path("mijn-reacties/<int:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("privacy/", privacy_views.privacy_statement, name="privacy"),
    path("mijn-gegevens/", privacy_views.my_data, name="my_data"),
    path("mijn-gegevens/bekijken/", privacy_views.my_data_page, name="my_data_page"),
    path("mijn-gegevens/download/", privacy_views.download, name="my_data_download"),
    path("mijn-gegevens/verwijderen/", privacy_views.delete_account, name="my_data_delete"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/status/", views.set_status, name="set_status"),
    path("voor-jou/", matching_views.for_you, name="for_you"),
    path(
        "inbox/vacatures/<int:page_id>/suggesties/",
        matching_views.suggestions,
        name="suggestions",
    ),
]
