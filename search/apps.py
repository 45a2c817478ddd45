from django.apps import AppConfig


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
        from . import signal_handlers

        signal_handlers.register()
