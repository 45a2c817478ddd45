"""The municipality's overview in the Wagtail admin, per wijk or per theme
(``?per=thema``), with a CSV download of the same choice."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.spreadsheets import escape_row
from initiatives.models import Municipality

from .demand_views import demand_section
from .overview import (
    COLUMNS,
    GROUPINGS,
    PER_WIJK,
    Overview,
    build_overview,
    can_view_overview,
)

CHART_ROWS = 20


def overview(request):
    # Wagtail already requires admin access; this is for moderators and staff.
    # A real 403 (Wagtail would turn PermissionDenied into a redirect), also
    # for ?format=csv, so a refused download is not mistaken for an empty one.
    if not can_view_overview(request.user):
        return render(request, "reports/overview_forbidden.html", status=403)
    try:
        municipality_id = int(request.GET.get("gemeente") or 0) or None
    except ValueError:
        municipality_id = None  # a hand-edited URL: show everything
    per = request.GET.get("per")
    if per not in GROUPINGS:
        per = PER_WIJK
    report = build_overview(per, municipality_id)
    if request.GET.get("format") == "csv":
        return _csv(report)
    top = report.rows[:CHART_ROWS]
    widest = max((r.listings for r in top), default=0) or 1
    chart = [(r, round(100 * r.listings / widest)) for r in top]
    return render(
        request,
        "reports/overview.html",
        {
            "report": report,
            "rows": report.rows,
            "columns": COLUMNS,
            "chart": chart,
            "groupings": GROUPINGS.items(),
            "municipalities": Municipality.objects.order_by("name"),
            "municipality_id": municipality_id,
            "totals": report.totals,
            "demand": demand_section(request),
        },
    )


def _csv(report: Overview) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"meedoen-overzicht-per-{report.per}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so Excel reads the UTF-8 (names with accents)
    writer = csv.writer(response, delimiter=";")  # Dutch Excel expects ';'
    # Wijk, gemeente and theme names are typed by people: a name like "=1+2"
    # must reach Excel as text, not as a formula.
    writer.writerow(escape_row(report.header()))
    for row in report.rows:
        writer.writerow(escape_row(report.cells(row)))
    return response
