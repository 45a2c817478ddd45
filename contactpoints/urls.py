from django.urls import path

from . import views

app_name = "contactpoints"

urlpatterns = [
    path("contactpunten/", views.contact_point_list, name="list"),
]
