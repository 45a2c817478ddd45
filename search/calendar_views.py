"""The month calendar page (/agenda/): a month of activities for a place or
wijk as a table, with links to the month before and after. No JavaScript;
on a phone the table becomes a list of the days with activities (site.css)."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from initiatives.places import choice_links
from initiatives.when import Month

from .calendar import PER_DAY, index_window, month_calendar
from .forms import MonthCalendarForm


@require_safe
def month_page(request: HttpRequest) -> HttpResponse:
    form = MonthCalendarForm(request.GET)
    today = timezone.localdate()
    context: dict = {
        "form": form,
        "place_choices": choice_links(form.data, "plaats", form.place_choices),
        # A week from Monday, for the column heads: the template names the
        # days with Django's date filter, in the interface's language.
        "weekdays": [today - timedelta(days=today.weekday() - i) for i in range(7)],
        "today": today,
        "per_day": PER_DAY,
    }
    if form.is_valid():
        month, area = form.cleaned_data["maand"], form.cleaned_data["area"]
        first, last = index_window(today)
        keep = _kept(form.data)
        weeks = month_calendar(month=month, area=area, today=today)
        params = _search_params(form)
        for week in weeks:
            for day in week:
                if day is not None:
                    day.search_url = _day_search_url(params, day.day)
        context |= {
            "month": month,
            "area": area,
            "weeks": weeks,
            "previous_url": _month_url(keep, month.previous)
            if month.previous.last >= first
            else "",
            "next_url": _month_url(keep, month.next) if month.next.first <= last else "",
        }
    return render(request, "search/month_page.html", context)


def _kept(data: QueryDict) -> QueryDict:
    keep = QueryDict(mutable=True)
    for name in ("plaats", "wijk"):
        if data.get(name):
            keep[name] = data[name]
    return keep


def _month_url(keep: QueryDict, month: Month) -> str:
    query = keep.copy()
    query["maand"] = str(month)
    return f"{reverse('search:month')}?{query.urlencode()}"


def _search_params(form: MonthCalendarForm) -> str:
    """The search page's parameters for the area (a day is added per link)."""
    query = QueryDict(mutable=True)
    query["type"] = "activity"
    query["sorteer"] = "date"
    wijk = form.cleaned_data.get("wijk")
    if wijk is not None:
        query["wijk"] = str(wijk.pk)
    elif form.cleaned_data.get("plaats"):
        query["waar"] = form.cleaned_data["plaats"]
    return query.urlencode()


def _day_search_url(params: str, day: date) -> str:
    return f"{reverse('search:page')}?{params}&van={day:%Y-%m-%d}&tot={day:%Y-%m-%d}"
