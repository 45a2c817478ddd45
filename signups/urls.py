from django.urls import path

from . import views

app_name = "signups"

urlpatterns = [
    path("aanmelden/<int:page_id>/", views.choose, name="choose"),
    path("aanmelden/<int:page_id>/<str:day>/", views.take, name="take"),
    path("aanmelden/klaar/<str:token>/", views.done, name="done"),
    path("aanmelding/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("aanmelding/afmelden/<str:token>/", views.cancel, name="cancel"),
    path("mijn-aanmeldingen/", views.mine, name="mine"),
    path("mijn-aanmeldingen/<int:pk>/afmelden/", views.mine_cancel, name="mine_cancel"),
    path("aanmeldingen/", views.overview, name="overview"),
    path("aanmeldingen/<int:page_id>/<str:day>/", views.slot_list, name="list"),
    path("aanmeldingen/afmelden/<int:pk>/", views.slot_cancel, name="slot_cancel"),
]
