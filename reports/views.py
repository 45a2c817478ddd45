"""The municipality's overview in the Wagtail admin, per wijk or per theme
(``?per=thema``), over a period, with a CSV download of the same choice."""

import csv

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from core.i18n import dutch_export, in_chosen_language
from core.spreadsheets import escape_row

from .demand_views import demand_section
from .first_reply_views import first_reply_section
from .forms import PeriodForm
from .overview import (
    COLUMNS,
    FRESHNESS_COLUMNS,
    GROUPINGS,
    PER_WIJK,
    Overview,
    build_overview,
    can_view_overview,
    freshness_by_wijk,
    overview_municipalities,
    overview_municipality,
)

CHART_ROWS = 20


def _requested_municipality(request) -> int | None:
    try:
        return int(request.GET.get("gemeente") or 0) or None
    except ValueError:
        return None  # a hand-edited URL: show everything (that may be seen)


@in_chosen_language
def overview(request):
    # Wagtail already requires admin access; this is for moderators and staff.
    # A real 403 (Wagtail would turn PermissionDenied into a redirect), also
    # for ?format=csv, so a refused download is not mistaken for an empty one.
    if not can_view_overview(request.user):
        return render(request, "reports/overview_forbidden.html", status=403)
    municipality_id, may_see_all = overview_municipality(
        request.user, _requested_municipality(request)
    )
    per = request.GET.get("per")
    if per not in GROUPINGS:
        per = PER_WIJK
    form = PeriodForm(request.GET)
    period = form.period()
    report = build_overview(per, municipality_id, period)
    if request.GET.get("format") == "csv" and not form.errors:
        with dutch_export():
            return _csv(report)
    top = [r for r in report.rows if r.listings][:CHART_ROWS]
    widest = max((r.listings for r in top), default=0) or 1
    chart = [(r, round(100 * r.listings / widest)) for r in top]
    # The same choice of period for the buttons, the CSV and the other grouping.
    keep = {k: v for k in ("periode", "van", "tot") if (v := request.GET.get(k))}
    if municipality_id:
        keep["gemeente"] = municipality_id
    return render(
        request,
        "reports/overview.html",
        {
            "report": report,
            "rows": report.rows,
            "columns": COLUMNS,
            "chart": chart,
            "groupings": GROUPINGS.items(),
            "municipalities": overview_municipalities(request.user),
            "municipality_id": municipality_id,
            "may_see_all": may_see_all,
            "form": form,
            "keep": keep,
            "totals": report.totals,
            "demand": demand_section(request),
            # Per wijk and kind: shown with the wijk rows, not per theme.
            "first_reply": first_reply_section(request) if per == PER_WIJK else None,
            "freshness": _freshness(municipality_id) if per == PER_WIJK else None,
        },
        # Figures are still shown (for all time); the status says the period was refused.
        status=400 if form.errors else 200,
    )


def _freshness(municipality_id: int | None) -> dict:
    rows, totals = freshness_by_wijk(municipality_id)
    return {"rows": rows, "totals": totals, "columns": FRESHNESS_COLUMNS}


def _csv(report: Overview) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Language"] = settings.LANGUAGE_CODE
    period = f"-{slugify(report.period.label)}" if report.period else ""
    name = f"meedoen-overzicht-per-{report.per}{period}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so Excel reads the UTF-8 (names with accents)
    writer = csv.writer(response, delimiter=";")  # Dutch Excel expects ';'
    # Wijk, gemeente and theme names are typed by people: a name like "=1+2"
    # must reach Excel as text, not as a formula.
    writer.writerow(escape_row(report.header()))
    for row in report.rows:
        writer.writerow(escape_row(report.cells(row)))
    return response
