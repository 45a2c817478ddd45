"""Public list pages. Detail pages are Wagtail pages (see models/pages.py)."""

from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.pagination import paginate

from . import calendars
from .forms import ListingFilterForm
from .models import ActivityPage, InitiativePage, MeetingPlacePage, VacancyPage
from .places import choice_links


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
        # A named gemeente or wijk: in its boundary; else km around the point.
        if data["in_municipality"]:
            queryset = queryset.in_municipality(data["in_municipality"])
        if data["in_neighbourhood"]:
            queryset = queryset.in_neighbourhood(data["in_neighbourhood"])
        if point is not None:
            if not (data["in_municipality"] or data["in_neighbourhood"]):
                queryset = queryset.near(point, data["km"] or 5)
            queryset = queryset.with_distance(point).nearest_first(point)
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
            "place_choices": choice_links(filters, "postcode", form.place_choices),
        },
    )


def _base(model):
    return (
        model.objects.live()
        .public()
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


# -- iCalendar feeds (see calendars.py) --------------------------------------------
def _calendar_response(request, name: str, filename: str, pages) -> HttpResponse:
    response = HttpResponse(
        calendars.feed(name, pages, request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _feed_pages(queryset):
    # public(): an activity behind a view restriction (login, password) is no
    # open data, as in the API and the HSDS export.
    return queryset.live().public().prefetch_related("exceptions").order_by("starts_on", "title")


def activity_calendar(request, page_id: int):
    page = get_object_or_404(ActivityPage.objects.live().public(), pk=page_id)
    pages = _feed_pages(ActivityPage.objects.filter(pk=page.pk))
    return _calendar_response(request, page.title, f"activiteit-{page.pk}.ics", pages)


def _streamed_calendar(request, name: str, filename: str, pages) -> StreamingHttpResponse:
    # Feeds of many activities: the window keeps them bounded, streaming keeps
    # the first byte quick and memory flat.
    pages = calendars.in_window(pages.live().public(), timezone.localdate())
    response = StreamingHttpResponse(
        calendars.feed_chunks(name, pages, request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def initiative_calendar(request, page_id: int):
    initiative = get_object_or_404(InitiativePage.objects.live().public(), pk=page_id)
    pages = ActivityPage.objects.child_of(initiative)
    name = f"Activiteiten van {initiative.title}"
    return _streamed_calendar(request, name, f"initiatief-{initiative.pk}.ics", pages)


def activities_calendar(request):
    pages = ActivityPage.objects.all()
    name, filename = "Activiteiten op Meedoen", "activiteiten.ics"
    wijk = request.GET.get("wijk", "").strip()
    if wijk:
        form = ListingFilterForm({"wijk": wijk})  # its field refuses '²', '1e5', …
        neighbourhood = form.cleaned_data.get("wijk") if form.is_valid() else None
        if neighbourhood is None:
            return HttpResponseBadRequest(
                "Deze wijk kennen we niet. Gebruik het nummer van een wijk, bijvoorbeeld ?wijk=12.",
                content_type="text/plain; charset=utf-8",
            )
        pages = pages.in_neighbourhood(neighbourhood)
        name = f"Activiteiten in {neighbourhood.name}"
        filename = f"activiteiten-wijk-{neighbourhood.pk}.ics"
    return _streamed_calendar(request, name, filename, pages)
