from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("wacht-te-lang/", views.overdue, name="overdue"),
]
