from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site for years: the one worker for periodic jobs, the
    health checks and the metrics (docs/operations.md)."""

    name = "operations"
    verbose_name = "Beheer"
    default_auto_field = "django.db.models.BigAutoField"
    # Moderators see "Achtergrondtaken" (the moderators group: initiatives/permissions.py).
    moderator_permissions = ["view_jobstate"]

    def ready(self):
        from . import checks  # noqa: F401 - registers the PERIODIC_JOBS check
