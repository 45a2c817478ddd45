"""Time to a first reply for the municipal overview (reports/): per wijk and
kind the median and 90th percentile in hours, how many are unanswered now,
and referrals made and attended.

One SQL statement: every kind's items as (kind, wijk, gemeente, start, first
reply, still open, attended) rows in a UNION ALL, grouped by wijk and kind
with ``GROUPING SETS`` (so the kind's total over the chosen gemeenten comes
from the same scan) and ``percentile_cont``: no row is read into Python.

Small numbers: a wijk row with fewer than ``MIN_COUNT`` items, or fewer
answered ones, would let a reader pick out one resident's or volunteer's
case, so counts below it are banded ("1–4") and its times left out; the
totals per kind are exact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext_lazy as _

from helprequests.models import HelpRequest
from initiatives.models import InitiativePage, InitiativeRegistration, Neighbourhood, VacancyPage
from referrals.models import Referral
from signalling.models import HelpSignal
from volunteers.models import Response

from .models import FollowUpKind

MIN_COUNT = 5
BAND = f"1–{MIN_COUNT - 1}"
NO_WIJK = _("(geen wijk)")


def _sources() -> str:
    """One SELECT per kind, the same columns each. Only what reached the
    side that should answer: a help request once published, a registration
    once confirmed (not rejected or withdrawn unanswered ones that never
    waited). A response whose volunteer left (anonymised) is no longer
    waiting for anyone."""
    hr, offer_statuses = HelpRequest._meta.db_table, "('published')"
    resp, vac = Response._meta.db_table, VacancyPage._meta.db_table
    ref, sig = Referral._meta.db_table, HelpSignal._meta.db_table
    reg, ini = InitiativeRegistration._meta.db_table, InitiativePage._meta.db_table
    return f"""
        SELECT 'help_moderation' AS kind, h.neighbourhood_id, h.municipality_id,
               h.created_at AS started, h.moderated_at AS answered,
               h.status = 'pending' AS open, FALSE AS attended
        FROM {hr} h
        UNION ALL
        SELECT 'help_request', h.neighbourhood_id, h.municipality_id,
               h.published_at AS started, h.first_offer_at AS answered,
               h.status IN {offer_statuses} AS open, FALSE AS attended
        FROM {hr} h WHERE h.published_at IS NOT NULL
        UNION ALL
        SELECT 'response', v.neighbourhood_id, v.municipality_id,
               r.created_at, r.first_reply_at,
               r.status = 'new' AND r.volunteer_id IS NOT NULL, FALSE
        FROM {resp} r JOIN {vac} v ON v.page_ptr_id = r.vacancy_id
        UNION ALL
        SELECT 'referral', COALESCE(f.neighbourhood_id, i.neighbourhood_id),
               COALESCE(f.municipality_id, i.municipality_id),
               f.created_at, f.first_contact_at, f.status = 'sent', f.status = 'attended'
        FROM {ref} f LEFT JOIN {ini} i ON i.page_ptr_id = f.initiative_id
        UNION ALL
        SELECT 'signal', s.neighbourhood_id, s.municipality_id,
               s.created_at, s.first_contact_at, s.status = 'new', FALSE
        FROM {sig} s
        UNION ALL
        SELECT 'registration', i.neighbourhood_id, i.municipality_id,
               g.created_at, g.decided_at, g.status = 'pending', FALSE
        FROM {reg} g LEFT JOIN {ini} i ON i.page_ptr_id = g.page_id
        WHERE g.status <> 'unconfirmed'
    """


@dataclass
class Cell:
    """One kind in one wijk (or, with ``wijk_id`` None and ``total``, over all)."""

    kind: str
    wijk_id: int | None
    total: int
    answered: int
    unanswered: int
    attended: int
    median_hours: float | None
    p90_hours: float | None
    is_total: bool = False

    @property
    def small(self) -> bool:
        return not self.is_total and self.total < MIN_COUNT

    def shown(self, value: int) -> int | str:
        """A count as the page and the CSV give it: banded in a small wijk row."""
        if self.is_total or value == 0 or value >= MIN_COUNT:
            return value
        return BAND

    @property
    def times_shown(self) -> bool:
        return self.is_total or self.answered >= MIN_COUNT

    def hours(self, value: float | None) -> float | str:
        if value is None:
            return "–"
        if not self.times_shown:
            # Translators: too few replies to show a waiting time without pointing at someone.
            return _("te weinig")
        return round(value, 1)


@dataclass
class Row:
    wijk_id: int | None
    name: str
    municipality: str
    cells: dict[str, Cell]


@dataclass
class FirstReplyReport:
    rows: list[Row]  # per wijk (and one without), busiest first
    totals: dict[str, Cell]  # per kind, over everything chosen

    def kinds(self) -> list[tuple[str, str]]:
        return list(FollowUpKind.choices)


def first_reply_report(
    *,
    municipality_ids: list[int] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> FirstReplyReport:
    """Per wijk and kind, over what came in between ``start`` and ``end``
    (all time without them), in the gemeenten ``municipality_ids`` (None: all,
    including what has no gemeente)."""
    where, params = [], []
    if municipality_ids is not None:
        where.append("municipality_id = ANY(%s)")
        params.append(list(municipality_ids))
    if start is not None:
        where.append("started >= %s")
        params.append(start)
    if end is not None:
        where.append("started < %s")
        params.append(end)
    sql = f"""
        WITH items AS ({_sources()})
        SELECT kind, neighbourhood_id, GROUPING(neighbourhood_id) AS is_total,
               COUNT(*) AS total,
               COUNT(answered) AS answered,
               COUNT(*) FILTER (WHERE answered IS NULL AND open) AS unanswered,
               COUNT(*) FILTER (WHERE attended) AS attended,
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY EXTRACT(EPOCH FROM answered - started) / 3600
               ) FILTER (WHERE answered IS NOT NULL) AS median_hours,
               percentile_cont(0.9) WITHIN GROUP (
                   ORDER BY EXTRACT(EPOCH FROM answered - started) / 3600
               ) FILTER (WHERE answered IS NOT NULL) AS p90_hours
        FROM items
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY GROUPING SETS ((kind, neighbourhood_id), (kind))
    """  # noqa: S608 - only our own table names and fixed SQL are formatted in
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        records = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    totals: dict[str, Cell] = {}
    per_wijk: dict[int | None, dict[str, Cell]] = {}
    for r in records:
        cell = Cell(
            kind=r["kind"],
            wijk_id=r["neighbourhood_id"],
            total=r["total"],
            answered=r["answered"],
            unanswered=r["unanswered"],
            attended=r["attended"],
            median_hours=r["median_hours"],
            p90_hours=r["p90_hours"],
            is_total=bool(r["is_total"]),
        )
        if cell.is_total:
            totals[cell.kind] = cell
        else:
            per_wijk.setdefault(cell.wijk_id, {})[cell.kind] = cell
    wijken = {
        w.pk: w
        for w in Neighbourhood.objects.filter(
            pk__in=[k for k in per_wijk if k is not None]
        ).select_related("municipality")
    }
    rows = [
        Row(
            wijk_id,
            wijken[wijk_id].name if wijk_id in wijken else NO_WIJK,
            wijken[wijk_id].municipality.name if wijk_id in wijken else "",
            cells,
        )
        for wijk_id, cells in per_wijk.items()
    ]
    rows.sort(key=lambda r: (r.wijk_id is None, -sum(c.total for c in r.cells.values()), r.name))
    return FirstReplyReport(rows, totals)
