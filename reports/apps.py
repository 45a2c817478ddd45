from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The municipality's overview per wijk and theme (/admin/overzicht/),
    counted from initiatives' listings and volunteers' responses and help
    requests."""

    name = "reports"
    verbose_name = "Rapportages"
    # Moderators see the overview (the moderators group: initiatives/permissions.py).
    moderator_permissions = ["view_overview"]
