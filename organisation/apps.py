from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from core.versioning import bump_content_version


def _changed(*, created: bool, **kwargs) -> None:
    # The first visit to a site creates its settings row, empty: the pages
    # read the same as before, so the cached copies stay good.
    if not created:
        bump_content_version()


class OrganisationConfig(AppConfig):
    """Who runs this site: the municipality's name, addresses, contact, its
    data protection officer and the accessibility statement, filled in by the
    municipality in the Wagtail admin (Instellingen → Organisatie) and shown on
    the public-service pages (contact, colofon, toegankelijkheid, privacy)."""

    name = "organisation"
    verbose_name = "Organisatie"

    def ready(self):
        # The anonymous page cache keeps these pages (core/pagecache.py): a
        # corrected address or a new DPO is public content, visible on the
        # next request rather than after the cache's timeout.
        model = self.get_model("OrganisationSettings")
        post_save.connect(_changed, sender=model, dispatch_uid="organisation-version")
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid="organisation-version-del"
        )
