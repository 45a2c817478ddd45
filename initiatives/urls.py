from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("activiteiten/", views.activity_list, name="activity_list"),
    path("ontmoetingsplekken/", views.meeting_place_list, name="meeting_place_list"),
    path("vacatures/", views.vacancy_list, name="vacancy_list"),
]
