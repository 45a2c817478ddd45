"""The unmet-demand section of the municipal overview (/admin/overzicht/) and
its CSV (/admin/overzicht/zoekvragen.csv): what residents searched for and did
not find, with k applied (search.demand)."""

from __future__ import annotations

import csv
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from core.i18n import dutch_export, in_chosen_language
from core.spreadsheets import escape_row
from initiatives.models import Municipality, Neighbourhood
from search.demand import DemandReport, demand_report, demand_weeks

from .overview import can_view_overview, overview_municipality


def _int(value: str | None) -> int | None:
    try:
        return int(value or 0) or None
    except ValueError:
        return None  # a hand-edited URL: no filter


def _week(value: str | None, weeks: list[date]) -> date | None:
    try:
        week = date.fromisoformat(value or "")
    except ValueError:
        return None
    return week if week in weeks else None


def demand_scope(request: HttpRequest) -> dict:
    """The filters of the section (week, gemeente, wijk) from the query
    string; unknown values mean "all". A moderator tied to gemeenten gets one
    of theirs, and only a wijk in it (``overview_municipality``)."""
    weeks = demand_weeks()
    municipality_id, _ = overview_municipality(request.user, _int(request.GET.get("gemeente")))
    neighbourhood_id = _int(request.GET.get("wijk"))
    if neighbourhood_id and municipality_id:
        wijk = Neighbourhood.objects.filter(pk=neighbourhood_id, municipality_id=municipality_id)
        neighbourhood_id = neighbourhood_id if wijk.exists() else None
    return {
        "weeks": weeks,
        "week": _week(request.GET.get("week"), weeks),
        "municipality_id": municipality_id,
        "neighbourhood_id": neighbourhood_id,
    }


def demand_section(request: HttpRequest) -> dict:
    """The context of reports/demand_section.html."""
    scope = demand_scope(request)
    report = demand_report(
        week=scope["week"],
        municipality_id=scope["municipality_id"],
        neighbourhood_id=scope["neighbourhood_id"],
    )
    # Wijken to choose from only within a gemeente: all of them would be a
    # long list, and one gemeente's is what a wijkcoördinator looks at.
    wijken = Neighbourhood.objects.filter(municipality_id=scope["municipality_id"] or 0)
    query = {
        "week": scope["week"] or "",
        "gemeente": scope["municipality_id"] or "",
        "wijk": scope["neighbourhood_id"] or "",
    }
    return {
        **scope,
        "report": report,
        "wijken": wijken,
        "csv_url": f"{reverse('search_demand_csv')}?{urlencode(query)}",
    }


@in_chosen_language
def demand_csv(request: HttpRequest) -> HttpResponse:
    # The same people as the overview, with a real 403 (see reports.views).
    if not can_view_overview(request.user):
        return render(request, "reports/overview_forbidden.html", status=403)
    with dutch_export():
        return _demand_csv(request)


def _demand_csv(request: HttpRequest) -> HttpResponse:
    scope = demand_scope(request)
    report = demand_report(
        week=scope["week"],
        municipality_id=scope["municipality_id"],
        neighbourhood_id=scope["neighbourhood_id"],
    )
    municipality = Municipality.objects.filter(pk=scope["municipality_id"]).first()
    wijk = Neighbourhood.objects.filter(pk=scope["neighbourhood_id"]).first()
    period = (
        gettext("week van %(monday)s") % {"monday": f"{scope['week']:%Y-%m-%d}"}
        if scope["week"]
        else gettext("alle weken")
    )
    place = [
        municipality.name if municipality else gettext("alle gemeenten"),
        wijk.name if wijk else "",
    ]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Language"] = settings.LANGUAGE_CODE
    name = f"meedoen-zoekvragen-zonder-resultaat-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so Excel reads the UTF-8
    writer = csv.writer(response, delimiter=";")  # Dutch Excel expects ';'
    # Gemeente and wijk names are typed by people: escaped like every export.
    writer.writerow(escape_row(header(report)))
    for cells in rows(report):
        writer.writerow(escape_row([period, *place, *cells]))
    return response


def header(report: DemandReport) -> list[str]:
    return [
        gettext("Periode"),
        gettext("Gemeente"),
        gettext("Wijk"),
        gettext("Zoekvraag"),
        gettext("Geen resultaten"),
        gettext("Weinig resultaten (1 tot en met %(few)s)") % {"few": report.few},
        gettext("Totaal"),
    ]


def rows(report: DemandReport) -> list[list]:
    """The query rows of the CSV: the same as the page shows, k applied."""
    if report.too_few:
        text = gettext("minder dan %(k)s zoekopdrachten: niets te tonen") % {"k": report.k}
        return [[text, "", "", ""]]
    lines = [*report.lines, report.other] if report.other.total else report.lines
    return [[line.text, line.none, line.few, line.total] for line in lines]
