from django.urls import path

from . import views

app_name = "signalling"

urlpatterns = [
    path("signaleren/", views.signal_create, name="create"),
    path("signaleren/verstuurd/", views.signal_sent, name="sent"),
    path("contactpunt/signalen/", views.staff_list, name="staff_list"),
    path("contactpunt/signalen/<int:pk>/", views.staff_detail, name="staff_detail"),
    path(
        "contactpunt/signalen/<int:pk>/contact/",
        views.staff_contacted,
        name="staff_contacted",
    ),
    path("contactpunt/signalen/<int:pk>/afsluiten/", views.staff_close, name="staff_close"),
]
