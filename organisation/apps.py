from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    """Who runs this site: the municipality's name, addresses, contact, its
    data protection officer and the accessibility statement, filled in by the
    municipality in the Wagtail admin (Instellingen → Organisatie) and shown on
    the public-service pages (contact, colofon, toegankelijkheid, privacy)."""

    name = "organisation"
    verbose_name = "Organisatie"
