"""Demo values for the organisation settings: a made-up municipality with
reserved addresses (``.example``), so nothing in a demo reaches a real one."""

from wagtail.models import Site

from .models import AccessibilityStatus, OrganisationSettings

DEMO_VALUES = {
    "name": "Gemeente Dordrecht (demo)",
    "postal_address": "Postbus 0000\n3300 AA Dordrecht",
    "visiting_address": "Voorbeeldplein 1\n3311 AA Dordrecht",
    "phone": "078 000 00 00",
    "email": "meedoen@gemeente.example",
    "website": "https://gemeente.example",
    "dpo_name": "Functionaris gegevensbescherming (demo)",
    "dpo_email": "privacy@gemeente.example",
    "accessibility_status": AccessibilityStatus.B,
    "accessibility_research_method": (
        "Automatische controle van elke pagina met axe-core (WCAG 2.1 niveau AA), "
        "bij elke wijziging van de software. Een onderzoek door een deskundige volgens "
        "WCAG-EM is nog niet gedaan."
    ),
    "accessibility_known_issues": (
        "De kaart (markeringen, groepjes en pop-ups) is nog niet met alleen een "
        "toetsenbord getest.\n\n"
        "Teksten die initiatieven zelf schrijven, zijn niet altijd in eenvoudige taal."
    ),
}


def load_demo_settings(*, today) -> bool:
    """Fill the default site's empty organisation fields with demo values;
    what someone filled in stays. Returns whether anything was filled."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    org = OrganisationSettings.for_site(site)
    values = {
        **DEMO_VALUES,
        "accessibility_statement_date": today,
        "accessibility_research_date": today,
    }
    changed = [name for name, value in values.items() if not getattr(org, name)]
    for name in changed:
        setattr(org, name, values[name])
    if changed:
        org.full_clean()
        org.save(update_fields=changed)
    return bool(changed)
