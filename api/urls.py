from django.urls import path

from .openapi import openapi
from .views import api_router

# No app_name: Wagtail's router brings its own namespace, and "openapi" keeps
# the name it had when these lived in marketplace/urls.py.
urlpatterns = [
    path("v2/", api_router.urls),
    path("openapi.json", openapi, name="openapi"),
]
