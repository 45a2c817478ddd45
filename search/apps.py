from django.apps import AppConfig

from initiatives import agenda as home_agenda
from initiatives import listing


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Zoeken"
    # Moderators keep the search synonyms, the "Zoekwoorden" snippet (the
    # moderators group: initiatives/permissions.py).
    moderator_permissions = [
        "view_searchsynonym",
        "add_searchsynonym",
        "change_searchsynonym",
        "delete_searchsynonym",
    ]

    def ready(self):
        from . import agenda, lists, signal_handlers

        signal_handlers.register()
        # The home page's agenda reads the index (initiatives cannot import
        # search; see docs/architecture.md).
        home_agenda.register(agenda.upcoming)
        listing.register(lists.IndexedListings())
