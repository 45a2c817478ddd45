"""Own data as a page (issue 16): the same export as the JSON download,
with Dutch labels and values ("dinsdagmiddag", "Aangeboden") instead of the
stored codes (``tue-afternoon``, ``offered``). Built from
``user_data_export`` so the page can never show less than the download."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from helprequests.models import HelpKind, HelpOfferStatus, HelpRequestStatus
from initiatives.models import MemberRole, RegistrationStatus
from professionals.models import ProfessionalRole, ProfessionalStatus
from referrals.models import PreferredContact, ReferralStatus
from signalling.models import SignalConsent
from signups.models import SignupStatus

from .models import AvailabilitySlot, ResponseStatus


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class Section:
    title: str
    # One block of rows for a single thing (the profile), several for a list
    # (responses); empty: nothing kept.
    items: list[list[Row]]
    empty: str = _("Niets bewaard.")


def _yes_no(value: Any) -> str:
    return gettext("ja") if value else gettext("nee")


def _when(value: str | None) -> str:
    if not value:
        return ""
    moment = dt.datetime.fromisoformat(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "j E Y, H:i")


def _date(value: str | None) -> str:
    return formats.date_format(dt.date.fromisoformat(value), "j E Y") if value else ""


def _point(value: dict | None) -> str:
    # Not shown to anyone else; to the person themselves it is plain data.
    if not value:
        return ""
    # Translators: a point as latitude north and longitude east (O is oost in Dutch).
    return gettext("%(lat)s N, %(lon)s O") % {
        "lat": f"{value['lat']:.5f}",
        "lon": f"{value['lon']:.5f}",
    }


def _choice(choices) -> Callable[[Any], str]:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value)).capitalize() if value else ""


def _names(values) -> str:
    return ", ".join(values or [])


def _slots(values) -> str:
    labels = dict(AvailabilitySlot.choices)
    return ", ".join(str(labels.get(code, code)) for code in values or [])


def _addresses(values) -> str:
    out = []
    for address in values or []:
        notes = [gettext("bevestigd") if address["verified"] else gettext("niet bevestigd")]
        if address["primary"]:
            notes.append(gettext("hoofdadres"))
        out.append(f"{address['email']} ({', '.join(notes)})")
    return "; ".join(out)


def _text(value) -> str:
    return "" if value is None else str(value)


# Per part of the export: its title and, per field, a label and how to write it.
FIELDS: dict[str, tuple[str, dict[str, tuple[str, Callable[[Any], str]]]]] = {
    "account": (
        _("Account"),
        {
            "email": (_("E-mailadres"), _text),
            "first_name": (_("Voornaam"), _text),
            "last_name": (_("Achternaam"), _text),
            "date_joined": (_("Account gemaakt op"), _when),
            "last_login": (_("Laatst ingelogd"), _when),
            "email_addresses": (_("E-mailadressen"), _addresses),
        },
    ),
    "consent": (
        _("Toestemming"),
        {
            "statement_version": (_("Versie van de privacyverklaring"), _text),
            "given_at": (_("Gegeven op"), _when),
        },
    ),
    "volunteer_profile": (
        _("Vrijwilligersprofiel"),
        {
            "display_name": (_("Naam"), _text),
            "postcode": (_("Postcode"), _text),
            "location": (_("Plek van je postcode"), _point),
            "coarse_location": (_("Plek waarmee initiatieven de afstand berekenen"), _point),
            "travel_km": (_("Hoe ver je wilt reizen"), lambda km: f"{km} km"),
            "themes": (_("Thema's"), _names),
            "skills": (_("Vaardigheden"), _names),
            "availability": (_("Wanneer je kunt"), _slots),
            "languages": (_("Talen"), _names),
            "has_vog": (_("VOG"), _yes_no),
            "introduction": (_("Introductie"), _text),
            "visible_to_initiatives": (_("Initiatieven mogen je profiel zien"), _yes_no),
            "match_alerts": (_("E-mail met nieuw vrijwilligerswerk"), _yes_no),
            "created_at": (_("Gemaakt op"), _when),
            "updated_at": (_("Bijgewerkt op"), _when),
        },
    ),
    "responses": (
        _("Reacties op vrijwilligerswerk"),
        {
            "vacancy": (_("Vacature"), _text),
            "message": (_("Je bericht"), _text),
            "status": (_("Status"), _choice(ResponseStatus.choices)),
            "created_at": (_("Gereageerd op"), _when),
            "status_changed_at": (_("Status gewijzigd op"), _when),
        },
    ),
    "help_requests": (
        _("Hulpvragen"),
        {
            "kind": (_("Soort hulp"), _choice(HelpKind.choices)),
            "title": (_("Korte omschrijving"), _text),
            "description": (_("Tekst"), _text),
            "asked_for_someone_else": (_("Voor iemand anders"), _yes_no),
            "on_behalf_of": (_("Voor wie"), _text),
            "when": (_("Wanneer"), _text),
            "date": (_("Datum"), _date),
            "postcode": (_("Postcode"), _text),
            "location": (_("Plek van de postcode"), _point),
            "status": (_("Status"), _choice(HelpRequestStatus.choices)),
            "rejection_reason": (_("Reden van afwijzing"), _text),
            "created_at": (_("Gevraagd op"), _when),
            "published_at": (_("Op de site gezet op"), _when),
            "archived_at": (_("Gearchiveerd op"), _when),
            "offers_received": (_("Aanbiedingen gekregen"), _text),
        },
    ),
    "help_offers": (
        _("Hulp aangeboden"),
        {
            "help_request": (_("Hulpvraag"), _text),
            "message": (_("Je bericht"), _text),
            "status": (_("Status"), _choice(HelpOfferStatus.choices)),
            "created_at": (_("Aangeboden op"), _when),
        },
    ),
    "initiative_memberships": (
        _("Lid van een initiatief"),
        {
            "initiative": (_("Initiatief"), _text),
            "role": (_("Rol"), _choice(MemberRole.choices)),
        },
    ),
    "initiative_registrations": (
        _("Aanmeldingen van een initiatief"),
        {
            "initiative": (_("Initiatief"), _text),
            "contact_name": (_("Naam aanvrager"), _text),
            "email": (_("E-mailadres"), _text),
            "phone": (_("Telefoon"), _text),
            "message": (_("Bericht"), _text),
            "status": (_("Status"), _choice(RegistrationStatus.choices)),
            "reason": (_("Toelichting"), _text),
            "created_at": (_("Aangemeld op"), _when),
        },
    ),
    "signals_made": (
        _("Signalen die je doorgaf"),
        {
            "postcode": (_("Postcode (cijfers)"), _text),
            "resident": (_("Om wie het gaat"), _text),
            "concern": (_("Je zorg"), _text),
            "consent": (_("Toestemming"), _choice(SignalConsent.choices)),
            "no_consent_reason": (_("Waarom geen toestemming"), _text),
            "phone": (_("Je telefoonnummer"), _text),
            "sent_to": (_("Verstuurd naar"), _text),
            "created_at": (_("Verstuurd op"), _when),
        },
    ),
    "match_alerts_sent": (
        _("E-mails met nieuw vrijwilligerswerk"),
        {
            "vacancy": (_("Vacature"), _text),
            "sent_at": (_("Verstuurd op"), _when),
        },
    ),
}


# Professionals and referrals (referrals/privacy.py).
FIELDS |= {
    "professional": (
        _("Account als professional"),
        {
            "organisation": (_("Organisatie"), _text),
            "role": (_("Functie"), _choice(ProfessionalRole.choices)),
            "work_phone": (_("Telefoonnummer werk"), _text),
            "municipality": (_("Gemeente"), _text),
            "contact_point": (_("Contactpunt"), _text),
            "status": (_("Status"), _choice(ProfessionalStatus.choices)),
            "rejection_reason": (_("Reden van afwijzing"), _text),
            "created_at": (_("Aangevraagd op"), _when),
            "decided_at": (_("Beoordeeld op"), _when),
        },
    ),
    "referrals_made": (
        _("Verwijzingen die je maakte"),
        {
            "to": (_("Verwezen naar"), _text),
            "resident_name": (_("Naam bewoner"), _text),
            "resident_phone": (_("Telefoon bewoner"), _text),
            "resident_email": (_("E-mail bewoner"), _text),
            "note": (_("Toelichting"), _text),
            "preferred_contact": (_("Contact via"), _choice(PreferredContact.choices)),
            "status": (_("Status"), _choice(ReferralStatus.choices)),
            "created_at": (_("Verwezen op"), _when),
            "first_contact_at": (_("Contact gehad op"), _when),
            "outcome_at": (_("Gekomen of niet, gemeld op"), _when),
        },
    ),
    "referrals_about_you": (
        _("Verwijzingen over jou"),
        {
            "to": (_("Verwezen naar"), _text),
            "initiative": (_("Initiatief"), _text),
            "name": (_("Naam"), _text),
            "phone": (_("Telefoonnummer"), _text),
            "email": (_("E-mailadres"), _text),
            "note": (_("Toelichting"), _text),
            "preferred_contact": (_("Contact via"), _choice(PreferredContact.choices)),
            "status": (_("Status"), _choice(ReferralStatus.choices)),
            "consent_recorded_at": (_("Toestemming gegeven op"), _when),
            "created_at": (_("Verwezen op"), _when),
            "first_contact_at": (_("Contact gehad op"), _when),
            "outcome_at": (_("Gekomen of niet, gemeld op"), _when),
        },
    ),
}


def _rows(record: dict, fields: dict) -> list[Row]:
    """Every field of ``record`` in the export's order; a field the table
    does not know keeps its own name, so nothing exported is left out."""
    rows = []
    for name, value in record.items():
        label, write = fields.get(name, (name, _text))
        rows.append(Row(label, write(value) or "—"))
    return rows


def readable_export(export: dict[str, Any]) -> list[Section]:
    """``export`` (``user_data_export``) as titled sections of Dutch rows."""
    sections = []
    for key, value in export.items():
        title, fields = FIELDS.get(key, (key, {}))
        if value is None or value == []:
            items = []
        elif isinstance(value, list):
            items = [_rows(record, fields) for record in value]
        else:
            items = [_rows(value, fields)]
        sections.append(Section(title, items))
    return sections


# Places taken on activities (signups/privacy.py).
FIELDS |= {
    "signups": (
        _("Aanmeldingen voor activiteiten"),
        {
            "activity": (_("Activiteit"), _text),
            "date": (_("Datum"), _text),
            "name": (_("Naam"), _text),
            "email": (_("E-mailadres"), _text),
            "phone": (_("Telefoonnummer"), _text),
            "status": (_("Status"), _choice(SignupStatus.choices)),
            "created_at": (_("Aangemeld op"), _when),
            "cancelled_at": (_("Afgemeld op"), _when),
            "reminder_sent_at": (_("Herinnering verstuurd op"), _when),
        },
    ),
}
