from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("verwijzen/", views.find, name="create"),
    path("verwijzen/<int:page_id>/", views.create, name="create_for"),
    path("mijn-verwijzingen/", views.mine, name="mine"),
    path("mijn-verwijzingen/<int:pk>/intrekken/", views.cancel, name="cancel"),
    path("inbox/verwijzingen/<int:pk>/contact/", views.confirm_contact, name="confirm_contact"),
    path("inbox/verwijzingen/<int:pk>/uitkomst/", views.record_outcome, name="record_outcome"),
]
