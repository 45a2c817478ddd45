from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Who looked at, exported, changed or deleted whose personal data, and
    when (BIO; Common Ground: processing of personal data is logged). Sits
    low, beside accounts, so every domain app can record an access
    (docs/security.md, "Audit log")."""

    name = "audit"
    verbose_name = "Inzage in verwerkingen"
    # Moderators read the events of their gemeenten (reports' page).
    moderator_permissions = ["view_accessevent"]
