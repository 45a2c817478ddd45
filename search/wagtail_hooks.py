from django.urls import path
from wagtail import hooks

from .demand_views import demand_csv


@hooks.register("register_admin_urls")
def register_demand_csv_url():
    return [path("overzicht/zoekvragen.csv", demand_csv, name="search_demand_csv")]
