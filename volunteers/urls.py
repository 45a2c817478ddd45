from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("profiel/", views.profile, name="profile"),
    path("vacatures/<int:page_id>/reageren/", views.respond, name="respond"),
    path("mijn-reacties/", views.my_responses, name="my_responses"),
    path("mijn-reacties/<int:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/status/", views.set_status, name="set_status"),
]
