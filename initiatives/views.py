"""Public list pages. Detail pages are Wagtail pages (see models/pages.py)."""

from django.shortcuts import render
from django.utils import timezone

from .forms import ListingFilterForm
from .models import ActivityPage, MeetingPlacePage, VacancyPage
from .services import paginate


def _listing(request, queryset, template, title, per_page=20):
    # Only the page number is not a filter: don't treat it as a filled-in form.
    filters = request.GET.copy()
    filters.pop("pagina", None)
    form = ListingFilterForm(filters or None)
    point = None
    if form.is_valid():
        data = form.cleaned_data
        if data["thema"]:
            queryset = queryset.with_themes(data["thema"])
        if data["gemeente"]:
            queryset = queryset.in_municipality(data["gemeente"])
        if data["wijk"]:
            queryset = queryset.in_neighbourhood(data["wijk"])
        point = data["point"]
        if point is not None:
            queryset = queryset.near(point, data["km"] or 5).with_distance(point)
            queryset = queryset.nearest_first(point)
    elif form.is_bound:
        queryset = queryset.none()
    page_obj = paginate(queryset, request.GET.get("pagina"), per_page)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        template,
        {
            "form": form,
            "page_obj": page_obj,
            "title": title,
            "point": point,
            "querystring": query.urlencode(),
            "now": timezone.now(),
        },
    )


def _base(model):
    return (
        model.objects.live()
        .select_related("municipality", "neighbourhood")
        .with_initiative()
        .order_by("title")
    )


def activity_list(request):
    queryset = _base(ActivityPage).prefetch_related("exceptions")
    return _listing(request, queryset, "initiatives/activity_list.html", "Activiteiten")


def meeting_place_list(request):
    queryset = _base(MeetingPlacePage).prefetch_related("opening_hours")
    return _listing(request, queryset, "initiatives/meeting_place_list.html", "Ontmoetingsplekken")


def vacancy_list(request):
    queryset = _base(VacancyPage).open()
    return _listing(request, queryset, "initiatives/vacancy_list.html", "Vrijwilligersvacatures")
