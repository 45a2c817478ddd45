"""The time-to-first-reply section of the municipal overview
(/admin/overzicht/) and its CSV (/admin/overzicht/eerste-reactie.csv): per
wijk and kind, from followup.report, for the gemeente and period chosen
above it, with small numbers banded."""

from __future__ import annotations

import csv

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.i18n import dutch_export, in_chosen_language
from core.spreadsheets import escape_row
from followup.models import FollowUpKind
from followup.report import FirstReplyReport, first_reply_report

from .forms import PeriodForm
from .overview import Period, can_view_overview, overview_municipality

LABELS = dict(FollowUpKind.choices)
# Lazy: the page shows them in the reader's language, the CSV in Dutch.
HEADER = [
    _("Gemeente"),
    _("Wijk"),
    _("Soort"),
    _("Aantal"),
    _("Met eerste reactie"),
    _("Mediaan (uren)"),
    _("90e percentiel (uren)"),
    _("Nu zonder reactie"),
    # Translators: residents who came to the initiative they were referred to.
    _("Gekomen (verwijzingen)"),
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


def lines(report: FirstReplyReport, *, hours=None) -> list[list]:
    """The table's rows (page and CSV): the totals per kind first, then each
    wijk's kinds, small numbers banded. ``hours`` writes a time: in the
    reader's language on the page (``local``), in Dutch in the CSV (``dutch``)."""
    hours = hours or local
    result = []
    for kind, label in FollowUpKind.choices:
        cell = report.totals.get(kind)
        if cell:
            result.append(["", _("Alle wijken"), label, *_figures(cell, hours)])
    for row in report.rows:
        for kind, label in FollowUpKind.choices:
            cell = row.cells.get(kind)
            if cell:
                result.append([row.municipality, row.name, label, *_figures(cell, hours)])
    return result


def dutch(value: float | str | None) -> str | None:
    """3.5 as Dutch Excel and readers expect it: 3,5."""
    return f"{value:.1f}".replace(".", ",") if isinstance(value, float) else value


def local(value: float | str | None) -> str | None:
    """3.5 as the reader's language writes it (3,5 in Dutch, 3.5 in English)."""
    return number_format(value, 1) if isinstance(value, float) else value


def _figures(cell, hours) -> list:
    return [
        cell.shown(cell.total),
        cell.shown(cell.answered),
        hours(cell.hours(cell.median_hours)),
        hours(cell.hours(cell.p90_hours)),
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
            "median": local(c.median_hours),
            "p90": local(c.p90_hours),
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


@in_chosen_language
def first_reply_csv(request: HttpRequest) -> HttpResponse:
    # The same people as the overview, with a real 403 (see reports.views).
    if not can_view_overview(request.user):
        return render(request, "reports/overview_forbidden.html", status=403)
    with dutch_export():
        return _first_reply_csv(request)


def _first_reply_csv(request: HttpRequest) -> HttpResponse:
    report = build(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Language"] = settings.LANGUAGE_CODE
    name = f"meedoen-eerste-reactie-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so Excel reads the UTF-8
    writer = csv.writer(response, delimiter=";")  # Dutch Excel expects ';'
    # Wijk and gemeente names are typed by people: escaped like every export.
    writer.writerow(escape_row([str(label) for label in HEADER]))
    for line in lines(report, hours=dutch):
        writer.writerow(escape_row(line))
    return response
