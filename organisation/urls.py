from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("colofon/", views.colofon, name="colofon"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
]
