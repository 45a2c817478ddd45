from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.versioning import bump_content_version


def _areas_changed(*, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump_content_version()


class ContactPointsConfig(AppConfig):
    """People to talk to: the sociaal wijkteam, Wmo-loket, mantelzorgsteunpunt
    or informatiepunt of a wijk or gemeente, shown wherever a resident needs a
    person (issue 17), and the staff who answer for each."""

    name = "contactpoints"
    verbose_name = "Contactpunten"
    # Moderators keep their gemeenten's contact points (the moderators group:
    # initiatives/permissions.py); the admin limits each to its own gemeenten.
    moderator_permissions = [
        "view_contactpoint",
        "add_contactpoint",
        "change_contactpoint",
        "delete_contactpoint",
    ]

    def ready(self):
        # Anonymous pages are cached (core/pagecache.py) and show the contact
        # point of their place: a new phone number or wijk is visible on the
        # next request, not after the cache's timeout.
        model = self.get_model("ContactPoint")
        post_save.connect(bump_content_version, sender=model, dispatch_uid="contactpoint-version")
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid="contactpoint-version-del"
        )
        for through in (model.neighbourhoods.through, model.municipalities.through):
            m2m_changed.connect(
                _areas_changed, sender=through, dispatch_uid=f"contactpoint-{through.__name__}"
            )
