from django.apps import AppConfig


class HelpRequestsConfig(AppConfig):
    name = "helprequests"
    verbose_name = "Hulpvragen"
    # Moderators judge help requests and keep the list of sensitive words
    # (the moderators group: initiatives/permissions.py).
    moderator_permissions = [
        "moderate_helprequest",
        "view_sensitiveterm",
        "add_sensitiveterm",
        "change_sensitiveterm",
        "delete_sensitiveterm",
    ]
