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
    empty: str = "Niets bewaard."


def _yes_no(value: Any) -> str:
    return "ja" if value else "nee"


def _when(value: str | None) -> str:
    if not value:
        return ""
    moment = dt.datetime.fromisoformat(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "j F Y, H:i")


def _date(value: str | None) -> str:
    return formats.date_format(dt.date.fromisoformat(value), "j F Y") if value else ""


def _point(value: dict | None) -> str:
    # Not shown to anyone else; to the person themselves it is plain data.
    return f"{value['lat']:.5f} N, {value['lon']:.5f} O" if value else ""


def _choice(choices) -> Callable[[Any], str]:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value)).capitalize() if value else ""


def _names(values) -> str:
    return ", ".join(values or [])


def _slots(values) -> str:
    labels = dict(AvailabilitySlot.choices)
    return ", ".join(labels.get(code, code) for code in values or [])


def _addresses(values) -> str:
    out = []
    for address in values or []:
        notes = ["bevestigd" if address["verified"] else "niet bevestigd"]
        if address["primary"]:
            notes.append("hoofdadres")
        out.append(f"{address['email']} ({', '.join(notes)})")
    return "; ".join(out)


def _text(value) -> str:
    return "" if value is None else str(value)


# Per part of the export: its title and, per field, a label and how to write it.
FIELDS: dict[str, tuple[str, dict[str, tuple[str, Callable[[Any], str]]]]] = {
    "account": (
        "Account",
        {
            "email": ("E-mailadres", _text),
            "first_name": ("Voornaam", _text),
            "last_name": ("Achternaam", _text),
            "date_joined": ("Account gemaakt op", _when),
            "last_login": ("Laatst ingelogd", _when),
            "email_addresses": ("E-mailadressen", _addresses),
        },
    ),
    "consent": (
        "Toestemming",
        {
            "statement_version": ("Versie van de privacyverklaring", _text),
            "given_at": ("Gegeven op", _when),
        },
    ),
    "volunteer_profile": (
        "Vrijwilligersprofiel",
        {
            "display_name": ("Naam", _text),
            "postcode": ("Postcode", _text),
            "location": ("Plek van je postcode", _point),
            "coarse_location": ("Plek waarmee initiatieven de afstand berekenen", _point),
            "travel_km": ("Hoe ver je wilt reizen", lambda km: f"{km} km"),
            "themes": ("Thema's", _names),
            "skills": ("Vaardigheden", _names),
            "availability": ("Wanneer je kunt", _slots),
            "languages": ("Talen", _names),
            "has_vog": ("VOG", _yes_no),
            "introduction": ("Introductie", _text),
            "visible_to_initiatives": ("Initiatieven mogen je profiel zien", _yes_no),
            "match_alerts": ("E-mail met nieuw vrijwilligerswerk", _yes_no),
            "created_at": ("Gemaakt op", _when),
            "updated_at": ("Bijgewerkt op", _when),
        },
    ),
    "responses": (
        "Reacties op vrijwilligerswerk",
        {
            "vacancy": ("Vacature", _text),
            "message": ("Je bericht", _text),
            "status": ("Status", _choice(ResponseStatus.choices)),
            "created_at": ("Gereageerd op", _when),
            "status_changed_at": ("Status gewijzigd op", _when),
        },
    ),
    "help_requests": (
        "Hulpvragen",
        {
            "kind": ("Soort hulp", _choice(HelpKind.choices)),
            "title": ("Korte omschrijving", _text),
            "description": ("Tekst", _text),
            "asked_for_someone_else": ("Voor iemand anders", _yes_no),
            "on_behalf_of": ("Voor wie", _text),
            "when": ("Wanneer", _text),
            "date": ("Datum", _date),
            "postcode": ("Postcode", _text),
            "location": ("Plek van de postcode", _point),
            "status": ("Status", _choice(HelpRequestStatus.choices)),
            "rejection_reason": ("Reden van afwijzing", _text),
            "created_at": ("Gevraagd op", _when),
            "published_at": ("Op de site gezet op", _when),
            "archived_at": ("Gearchiveerd op", _when),
            "offers_received": ("Aanbiedingen gekregen", _text),
        },
    ),
    "help_offers": (
        "Hulp aangeboden",
        {
            "help_request": ("Hulpvraag", _text),
            "message": ("Je bericht", _text),
            "status": ("Status", _choice(HelpOfferStatus.choices)),
            "created_at": ("Aangeboden op", _when),
        },
    ),
    "initiative_memberships": (
        "Lid van een initiatief",
        {
            "initiative": ("Initiatief", _text),
            "role": ("Rol", _choice(MemberRole.choices)),
        },
    ),
    "initiative_registrations": (
        "Aanmeldingen van een initiatief",
        {
            "initiative": ("Initiatief", _text),
            "contact_name": ("Naam aanvrager", _text),
            "email": ("E-mailadres", _text),
            "phone": ("Telefoon", _text),
            "message": ("Bericht", _text),
            "status": ("Status", _choice(RegistrationStatus.choices)),
            "reason": ("Toelichting", _text),
            "created_at": ("Aangemeld op", _when),
        },
    ),
    "signals_made": (
        "Signalen die je doorgaf",
        {
            "postcode": ("Postcode (cijfers)", _text),
            "resident": ("Om wie het gaat", _text),
            "concern": ("Je zorg", _text),
            "consent": ("Toestemming", _choice(SignalConsent.choices)),
            "no_consent_reason": ("Waarom geen toestemming", _text),
            "phone": ("Je telefoonnummer", _text),
            "sent_to": ("Verstuurd naar", _text),
            "created_at": ("Verstuurd op", _when),
        },
    ),
    "match_alerts_sent": (
        "E-mails met nieuw vrijwilligerswerk",
        {
            "vacancy": ("Vacature", _text),
            "sent_at": ("Verstuurd op", _when),
        },
    ),
}


# Professionals and referrals (referrals/privacy.py).
FIELDS |= {
    "professional": (
        "Account als professional",
        {
            "organisation": ("Organisatie", _text),
            "role": ("Functie", _choice(ProfessionalRole.choices)),
            "work_phone": ("Telefoonnummer werk", _text),
            "municipality": ("Gemeente", _text),
            "contact_point": ("Contactpunt", _text),
            "status": ("Status", _choice(ProfessionalStatus.choices)),
            "rejection_reason": ("Reden van afwijzing", _text),
            "created_at": ("Aangevraagd op", _when),
            "decided_at": ("Beoordeeld op", _when),
        },
    ),
    "referrals_made": (
        "Verwijzingen die je maakte",
        {
            "to": ("Verwezen naar", _text),
            "resident_name": ("Naam bewoner", _text),
            "resident_phone": ("Telefoon bewoner", _text),
            "resident_email": ("E-mail bewoner", _text),
            "note": ("Toelichting", _text),
            "preferred_contact": ("Contact via", _choice(PreferredContact.choices)),
            "status": ("Status", _choice(ReferralStatus.choices)),
            "created_at": ("Verwezen op", _when),
            "first_contact_at": ("Contact gehad op", _when),
            "outcome_at": ("Gekomen of niet, gemeld op", _when),
        },
    ),
    "referrals_about_you": (
        "Verwijzingen over jou",
        {
            "to": ("Verwezen naar", _text),
            "initiative": ("Initiatief", _text),
            "name": ("Naam", _text),
            "phone": ("Telefoonnummer", _text),
            "email": ("E-mailadres", _text),
            "note": ("Toelichting", _text),
            "preferred_contact": ("Contact via", _choice(PreferredContact.choices)),
            "status": ("Status", _choice(ReferralStatus.choices)),
            "consent_recorded_at": ("Toestemming gegeven op", _when),
            "created_at": ("Verwezen op", _when),
            "first_contact_at": ("Contact gehad op", _when),
            "outcome_at": ("Gekomen of niet, gemeld op", _when),
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
        "Aanmeldingen voor activiteiten",
        {
            "activity": ("Activiteit", _text),
            "date": ("Datum", _text),
            "name": ("Naam", _text),
            "email": ("E-mailadres", _text),
            "phone": ("Telefoonnummer", _text),
            "status": ("Status", _choice(SignupStatus.choices)),
            "created_at": ("Aangemeld op", _when),
            "cancelled_at": ("Afgemeld op", _when),
            "reminder_sent_at": ("Herinnering verstuurd op", _when),
        },
    ),
}
