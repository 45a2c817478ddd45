"""The time-to-first-reply section of the municipal overview
(/admin/overzicht/) and its CSV (/admin/overzicht/eerste-reactie.csv): per
wijk and kind, from followup.report, for the gemeente and period chosen
above it, with small numbers banded."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.spreadsheets import escape_row
from followup.models import FollowUpKind
from followup.report import FirstReplyReport, first_reply_report

from .forms import PeriodForm
from .overview import Period, can_view_overview, overview_municipality

LABELS = dict(FollowUpKind.choices)
HEADER = [
    "Gemeente",
    "Wijk",
    "Soort",
    "Aantal",
    "Met eerste reactie",
    "Mediaan (uren)",
    "90e percentiel (uren)",
    "Nu zonder reactie",
    "Gekomen (verwijzingen)",
]


def _scope(request: HttpRequest) -> tuple[list[int] | None, Period | None]:
    municipality_id, _ = overview_municipality(request.user, _int(request.GET.get("gemeente")))
    form = PeriodForm(request.GET)
    period = form.period() if form.is_valid() else None
    return ([municipality_id] if municipality_id else None), period


def _int(value: str | None) -> int | None:
    try:
        return int(value or 0) or None
    except ValueError:
        return None  # a hand-edited URL: no filter


def build(request: HttpRequest) -> FirstReplyReport:
    municipality_ids, period = _scope(request)
    start, end = period.bounds() if period else (None, None)
    return first_reply_report(municipality_ids=municipality_ids, start=start, end=end)


def lines(report: FirstReplyReport) -> list[list]:
    """The table's rows (page and CSV): the totals per kind first, then each
    wijk's kinds, small numbers banded."""
    result = []
    for kind, label in FollowUpKind.choices:
        cell = report.totals.get(kind)
        if cell:
            result.append(["", "Alle wijken", label, *_figures(cell)])
    for row in report.rows:
        for kind, label in FollowUpKind.choices:
            cell = row.cells.get(kind)
            if cell:
                result.append([row.municipality, row.name, label, *_figures(cell)])
    return result


def dutch(value: float | str | None) -> str | None:
    """3.5 as Dutch Excel and readers expect it: 3,5."""
    return f"{value:.1f}".replace(".", ",") if isinstance(value, float) else value


def _figures(cell) -> list:
    return [
        cell.shown(cell.total),
        cell.shown(cell.answered),
        dutch(cell.hours(cell.median_hours)),
        dutch(cell.hours(cell.p90_hours)),
        cell.shown(cell.unanswered),
        cell.shown(cell.attended) if cell.kind == FollowUpKind.REFERRAL else "",
    ]


def chart(report: FirstReplyReport) -> list[dict]:
    """Per kind the median and p90 over everything chosen, as bar widths
    (percent of the longest p90); the same figures are in the table."""
    cells = [
        (label, report.totals[kind])
        for kind, label in FollowUpKind.choices
        if kind in report.totals
    ]
    longest = max((c.p90_hours or 0 for _, c in cells), default=0) or 1
    return [
        {
            "label": label,
            "median": dutch(c.median_hours),
            "p90": dutch(c.p90_hours),
            "median_pct": round(100 * (c.median_hours or 0) / longest),
            "p90_pct": round(100 * (c.p90_hours or 0) / longest),
            "unanswered": c.unanswered,
        }
        for label, c in cells
    ]


def first_reply_section(request: HttpRequest) -> dict:
    """The context of reports/first_reply_section.html."""
    report = build(request)
    return {"chart": chart(report), "lines": lines(report), "header": HEADER}


def first_reply_csv(request: HttpRequest) -> HttpResponse:
    # The same people as the overview, with a real 403 (see reports.views).
    if not can_view_overview(request.user):
        return render(request, "reports/overview_forbidden.html", status=403)
    report = build(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"meedoen-eerste-reactie-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so Excel reads the UTF-8
    writer = csv.writer(response, delimiter=";")  # Dutch Excel expects ';'
    # Wijk and gemeente names are typed by people: escaped like every export.
    writer.writerow(escape_row(HEADER))
    for line in lines(report):
        writer.writerow(escape_row(line))
    return response
