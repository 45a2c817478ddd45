"""How long the site keeps each kind of personal data, for the privacy
statement. Every period is read from the setting the code itself acts on
(the cron commands and the cookies), so the statement cannot promise a
period the site does not keep."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Retention:
    kind: str  # what is kept, as the statement names it
    period: str  # how long, and what happens then


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weken"


def _days(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dagen"


def retention_periods() -> list[Retention]:
    archive = _weeks(settings.HELP_REQUEST_ARCHIVE_WEEKS)  # archive_help_requests
    confirm = _days(settings.REGISTRATION_CONFIRM_DAYS)  # delete_unconfirmed_registrations
    demand = _weeks(settings.SEARCH_DEMAND_RETENTION_WEEKS)  # purge_search_demand
    signal_closed = _days(settings.SIGNAL_RETENTION_DAYS)  # purge_signals
    signal_max = _days(settings.SIGNAL_RETENTION_MAX_DAYS)
    session = _days(max(settings.SESSION_COOKIE_AGE // 86400, 1))
    return [
        Retention(
            "Je account (e-mailadres, wachtwoord, je akkoord met deze verklaring)",
            "Tot je je account verwijdert.",
        ),
        Retention(
            "Je vrijwilligersprofiel",
            "Tot je je account verwijdert.",
        ),
        Retention(
            "Je reacties op vrijwilligerswerk",
            "Tot je je account verwijdert. Daarna tellen ze alleen nog mee als aantal, "
            "zonder je naam en je bericht.",
        ),
        Retention(
            "Je hulpvragen en je hulpaanbod",
            f"Een hulpvraag staat hoogstens {archive} online. Daarna archiveren we hem. "
            "Je hulpvragen en je hulpaanbod bewaren we tot je je account verwijdert.",
        ),
        Retention(
            "De aanmelding van een initiatief",
            f"Bevestig je je e-mailadres niet binnen {confirm}? Dan verwijderen we de "
            "aanmelding. Een bevestigde aanmelding bewaren we. Verwijder je je account, "
            "dan halen we je naam, e-mailadres, telefoonnummer en toelichting eruit.",
        ),
        Retention(
            "Signalen over een buurtgenoot (wat je doorgaf aan een contactpunt)",
            f"Tot {signal_closed} nadat het contactpunt het signaal heeft afgesloten, en "
            f"nooit langer dan {signal_max} na het versturen. Daarna verwijderen we het. "
            "Van de postcode bewaren we alleen de cijfers. Verwijder je je account, dan "
            "blijft het signaal bij het contactpunt, zonder je naam en telefoonnummer.",
        ),
        Retention(
            "Je aanmeldingen voor een activiteit (naam, e-mailadres of telefoonnummer)",
            f"Tot {_days(settings.SIGNUP_RETENTION_DAYS)} na de datum van de activiteit"
            ". Bevestig je je e-mailadres niet binnen "
            f"{settings.SIGNUP_CONFIRM_HOURS} uur, dan verwijderen we de aanmelding. "
            "Verwijder je je account, dan verwijderen we ook je aanmeldingen.",
        ),
        Retention(
            "Tellingen van zoekopdrachten zonder resultaat",
            f"{demand.capitalize()}. Daarna verwijderen "
            "we ze. Het cookie dat bijhoudt wat al geteld is, geldt net zo lang.",
        ),
        Retention(
            "Wie je gegevens heeft bekeken (het inzagelog: rol, tijdstip, nummer, nooit de inhoud)",
            f"{_days(settings.AUDIT_RETENTION_DAYS).capitalize()}. Daarna verwijderen we "
            "het. Ook als je je account verwijdert, blijft het log, met alleen nummers.",
        ),
        Retention(
            "Ingelogd blijven (cookie)",
            f"Hoogstens {session}, of tot je uitlogt.",
        ),
    ]
