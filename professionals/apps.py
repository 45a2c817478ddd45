from django.apps import AppConfig


class ProfessionalsConfig(AppConfig):
    """Accounts of professionals (huisarts, POH, wijkteam, welzijnswerk):
    they apply with their organisation and role, a municipality moderator
    approves, and only then may they refer residents (issue 17)."""

    name = "professionals"
    verbose_name = "Professionals"
    # Moderators judge the applications of their gemeenten
    # (initiatives/permissions.py collects these for the moderators group).
    moderator_permissions = ["moderate_professionalprofile", "view_professionalprofile"]
