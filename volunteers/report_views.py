"""The municipality's overview in the Wagtail admin, with a CSV download."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from initiatives.models import Municipality

from .reports import COLUMNS, overview_by_wijk

CHART_ROWS = 20


def overview(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    try:
        municipality_id = int(request.GET.get("gemeente") or 0) or None
    except ValueError:
        municipality_id = None  # a hand-edited URL: show everything
    rows = overview_by_wijk(municipality_id)
    if request.GET.get("format") == "csv":
        return _csv(rows)
    top = rows[:CHART_ROWS]
    widest = max((r.listings for r in top), default=0) or 1
    chart = [(r, round(100 * r.listings / widest)) for r in top]
    return render(
        request,
        "volunteers/admin/overview.html",
        {
            "rows": rows,
            "columns": COLUMNS,
            "chart": chart,
            "municipalities": Municipality.objects.order_by("name"),
            "municipality_id": municipality_id,
            "totals": [sum(col) for col in zip(*(r.values() for r in rows), strict=True)]
            if rows
            else [0] * len(COLUMNS),
        },
    )


def _csv(rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"meedoen-overzicht-per-wijk-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so Excel reads the UTF-8 (wijk names with accents)
    writer = csv.writer(response, delimiter=";")  # Dutch Excel expects ';'
    writer.writerow(["Gemeente", "Wijk", *[label for _, label in COLUMNS]])
    for row in rows:
        writer.writerow([row.municipality, row.name, *row.values()])
    return response
