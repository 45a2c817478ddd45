"""How long the site keeps each kind of personal data, for the privacy
statement. Every period is read from the setting the code itself acts on
(the cron commands and the cookies), so the statement cannot promise a
period the site does not keep."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext, ngettext


@dataclass(frozen=True)
class Retention:
    kind: str  # what is kept, as the statement names it
    period: str  # how long, and what happens then


def _weeks(n: int) -> str:
    return ngettext("%(n)s week", "%(n)s weken", n) % {"n": n}


def _days(n: int) -> str:
    return ngettext("%(n)s dag", "%(n)s dagen", n) % {"n": n}


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def retention_periods() -> list[Retention]:
    archive = _weeks(settings.HELP_REQUEST_ARCHIVE_WEEKS)  # archive_help_requests
    confirm = _days(settings.REGISTRATION_CONFIRM_DAYS)  # delete_unconfirmed_registrations
    demand = _weeks(settings.SEARCH_DEMAND_RETENTION_WEEKS)  # purge_search_demand
    signal_closed = _days(settings.SIGNAL_RETENTION_DAYS)  # purge_signals
    signal_max = _days(settings.SIGNAL_RETENTION_MAX_DAYS)
    session = _days(max(settings.SESSION_COOKIE_AGE // 86400, 1))
    until_deleted = gettext("Tot je je account verwijdert.")
    return [
        Retention(
            gettext("Je account (e-mailadres, wachtwoord, je akkoord met deze verklaring)"),
            until_deleted,
        ),
        Retention(
            gettext("Je vrijwilligersprofiel"),
            until_deleted,
        ),
        Retention(
            gettext("Je reacties op vrijwilligerswerk"),
            gettext(
                "Tot je je account verwijdert. Daarna tellen ze alleen nog mee als aantal, "
                "zonder je naam en je bericht."
            ),
        ),
        Retention(
            gettext("Je hulpvragen en je hulpaanbod"),
            gettext(
                "Een hulpvraag staat hoogstens %(archive)s online. Daarna archiveren we hem. "
                "Je hulpvragen en je hulpaanbod bewaren we tot je je account verwijdert."
            )
            % {"archive": archive},
        ),
        Retention(
            gettext("De aanmelding van een initiatief"),
            gettext(
                "Bevestig je je e-mailadres niet binnen %(confirm)s? Dan verwijderen we de "
                "aanmelding. Een bevestigde aanmelding bewaren we. Verwijder je je account? "
                "Dan halen we je naam, e-mailadres, telefoonnummer en uitleg eruit."
            )
            % {"confirm": confirm},
        ),
        Retention(
            gettext("Signalen over een buurtgenoot (wat je doorgaf aan een contactpunt)"),
            gettext(
                "Tot %(closed)s nadat het contactpunt het signaal heeft afgesloten, en "
                "nooit langer dan %(max)s na het versturen. Daarna verwijderen we het. "
                "Van de postcode bewaren we alleen de cijfers. Verwijder je je account, dan "
                "blijft het signaal bij het contactpunt, zonder je naam en telefoonnummer."
            )
            % {"closed": signal_closed, "max": signal_max},
        ),
        Retention(
            gettext("Je aanmeldingen voor een activiteit (naam, e-mailadres of telefoonnummer)"),
            gettext(
                "Tot %(days)s na de datum van de activiteit. Bevestig je je e-mailadres "
                "niet binnen %(hours)s uur, dan verwijderen we de aanmelding. "
                "Verwijder je je account, dan verwijderen we ook je aanmeldingen."
            )
            % {
                "days": _days(settings.SIGNUP_RETENTION_DAYS),
                "hours": settings.SIGNUP_CONFIRM_HOURS,
            },
        ),
        Retention(
            gettext("Tellingen van zoekopdrachten zonder resultaat"),
            gettext(
                "%(period)s. Daarna verwijderen we ze. Het cookie dat bijhoudt wat al "
                "geteld is, geldt net zo lang."
            )
            % {"period": _capfirst(demand)},
        ),
        Retention(
            gettext(
                "Wie je gegevens heeft bekeken (het inzagelog: rol, tijdstip, nummer, "
                "nooit de inhoud)"
            ),
            gettext(
                "%(period)s. Daarna verwijderen we het. Ook als je je account verwijdert, "
                "blijft het log, met alleen nummers."
            )
            % {"period": _capfirst(_days(settings.AUDIT_RETENTION_DAYS))},
        ),
        Retention(
            gettext("Ingelogd blijven (cookie)"),
            gettext("Hoogstens %(session)s, of tot je uitlogt.") % {"session": session},
        ),
    ]
