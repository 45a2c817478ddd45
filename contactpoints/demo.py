"""Demo contact points: a Wmo-loket for every demo gemeente, sociale
wijkteams for the wijken of Dordrecht (where they started, in Wielwijk) and
its mantelzorgsteunpunt. Names, numbers and hours are made up but look like
the real ones. Safe to run again: found by name, brought back to these
values."""

from __future__ import annotations

from django.db import transaction

from initiatives.demo.places import MUNICIPALITIES
from initiatives.models import Municipality, Neighbourhood

from .models import ContactPoint, ContactPointKind

HOURS = "ma–vr 9.00–17.00"
WIELWIJK = "Sociaal wijkteam Wielwijk"

# Dordrecht's wijkteams: name, the wijken (CBS codes), phone, walk-in hours, address.
DORDRECHT_WIJKTEAMS = [
    (
        WIELWIJK,
        ["WK050506"],
        "078-770 4010",
        "ma–vr 9.00–17.00, inloop di 13.00–15.00",
        "Vondelstraat 12, 3317 Dordrecht",
    ),
    (
        "Sociaal wijkteam Krispijn",
        ["WK050504", "WK050505"],
        "078-770 4020",
        "ma–vr 9.00–17.00, inloop wo 9.30–11.30",
        "Karel Doormanweg 5, 3315 Dordrecht",
    ),
    (
        "Sociaal wijkteam Crabbehof en Zuidhoven",
        ["WK050507", "WK050508"],
        "078-770 4030",
        HOURS,
        "Crabbehoflaan 40, 3318 Dordrecht",
    ),
    (
        "Sociaal wijkteam Binnenstad en Noord",
        ["WK050501", "WK050502", "WK050503"],
        "078-770 4040",
        HOURS,
        "Voorstraat 180, 3311 Dordrecht",
    ),
    (
        "Sociaal wijkteam Oost",
        ["WK050509", "WK050510", "WK050511"],
        "078-770 4050",
        HOURS,
        "Sterrenburgplein 2, 3328 Dordrecht",
    ),
]


def _slug(name: str) -> str:
    return name.lower().replace(" ", "")


def _phone(prefix: str, number: int) -> str:
    """078-770 0001, 0297-77 0002: the length of a Dutch number."""
    local = "770 00" if len(prefix) == 3 else "77 00"
    return f"{prefix}-{local}{number:02d}"


def _put(name: str, kind: str, **values) -> tuple[ContactPoint, bool]:
    wijken = values.pop("wijken", [])
    gemeenten = values.pop("gemeenten", [])
    point, created = ContactPoint.objects.update_or_create(
        name=name, defaults={"kind": kind, "active": True, **values}
    )
    point.full_clean()
    point.neighbourhoods.set(Neighbourhood.objects.filter(code__in=wijken))
    point.municipalities.set(gemeenten)
    return point, created


@transaction.atomic
def load_demo_contact_points() -> int:
    """Returns how many were new. Gemeenten that are not loaded are skipped."""
    made = 0
    gemeenten = {
        m.code: m for m in Municipality.objects.filter(code__in=[s.code for s in MUNICIPALITIES])
    }
    for number, spec in enumerate(MUNICIPALITIES, start=1):
        gemeente = gemeenten.get(spec.code)
        if gemeente is None:
            continue
        _, created = _put(
            f"Wmo-loket {spec.name}",
            ContactPointKind.WMO_LOKET,
            phone=_phone(spec.phone_prefix, number),
            email=f"wmo@{_slug(spec.name)}.example",
            website=f"https://www.{_slug(spec.name)}.example/wmo",
            walk_in_hours=HOURS,
            address=f"Gemeentehuis {spec.name}",
            gemeenten=[gemeente],
        )
        made += created
    dordrecht = gemeenten.get("GM0505")
    if dordrecht is None:
        return made
    for name, wijken, phone, hours, address in DORDRECHT_WIJKTEAMS:
        _, created = _put(
            name,
            ContactPointKind.WIJKTEAM,
            phone=phone,
            email=f"{_slug(name.removeprefix('Sociaal wijkteam '))}@wijkteams-dordrecht.example",
            walk_in_hours=hours,
            address=address,
            website="https://www.wijkteams-dordrecht.example",
            wijken=wijken,
        )
        made += created
    _, created = _put(
        "Mantelzorgsteunpunt Dordrecht",
        ContactPointKind.MANTELZORG,
        phone="078-770 4100",
        email="mantelzorg@dordrecht.example",
        walk_in_hours="ma–do 9.00–16.00",
        address="Johan de Wittstraat 5, 3311 Dordrecht",
        gemeenten=[dordrecht],
    )
    return made + created
