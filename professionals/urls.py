from django.urls import path

from . import views

app_name = "professionals"

urlpatterns = [
    path("professionals/aanmelden/", views.apply, name="apply"),
    path("professionals/beoordelen/", views.moderation, name="moderation"),
    path("professionals/beoordelen/<int:pk>/", views.decide, name="decide"),
    path("professionals/goedgekeurd/", views.approved, name="approved"),
    path("professionals/goedgekeurd/<int:pk>/intrekken/", views.revoke, name="revoke"),
    path("professionals/stoppen/", views.stop, name="stop"),
]
