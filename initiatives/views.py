"""Public list pages. Detail pages are Wagtail pages (see models/pages.py)."""

from django.http import HttpResponse, HttpResponseBadRequest, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from wagtail.models import Page

from core.pagination import paginate_capped

from . import calendars, listing
from .forms import ActivityFilterForm, ListingFilterForm
from .models import ActivityPage, InitiativePage, MeetingPlacePage, VacancyPage
from .places import choice_links
from .when import When, when_context


def _listing(request, model, shown, template, title, per_page=20, form_class=ListingFilterForm):
    """A list page. ``shown``: the list's queryset, which selects and
    prefetches what its cards show; which pages are shown, and how many
    there are, is found by ``listing`` (the search index)."""
    # Only the page number is not a filter: don't treat it as a filled-in form.
    filters = request.GET.copy()
    filters.pop("pagina", None)
    form = form_class(filters or None)
    point = None
    wanted = listing.ListingFilters(model)
    if form.is_valid():
        data = form.cleaned_data
        point = data["point"]
        wanted = listing.ListingFilters(
            model,
            theme=data["thema"].slug if data["thema"] else "",
            municipality_id=data["gemeente"].pk if data["gemeente"] else None,
            neighbourhood_id=data["wijk"].pk if data["wijk"] else None,
            point=point,
            km=data["km"] or 5,
            in_municipality_id=data["in_municipality"],
            in_neighbourhood_id=data["in_neighbourhood"],
            respite=data["respijt"],
            days=data.get("days"),
            languages=tuple(data["taal"]),
        )
    rows = listing.window(wanted, shown)
    if form.is_bound and not form.is_valid():
        rows = shown.none()
    page_obj = paginate_capped(rows, request.GET.get("pagina"), per_page)
    query = request.GET.copy()
    query.pop("pagina", None)
    extra = {}
    if "wanneer" in form.fields:
        chosen = form.data.get("wanneer", "") if form.is_bound else ""
        extra = when_context(query, chosen=chosen if chosen in When.values else "", overruled=False)
        month = QueryDict(mutable=True)
        if filters.get("wijk"):
            month["wijk"] = filters["wijk"]
        elif filters.get("postcode"):
            month["plaats"] = filters["postcode"]
        extra["month_url"] = reverse("search:month") + (f"?{month.urlencode()}" if month else "")
    return render(
        request,
        template,
        {
            **extra,
            "form": form,
            "page_obj": page_obj,
            "title": title,
            "point": point,
            "querystring": query.urlencode(),
            "now": timezone.now(),
            "place_choices": choice_links(filters, "postcode", form.place_choices),
        },
    )


def _shown(model):
    return listing.listed(model).select_related("municipality", "neighbourhood").with_initiative()


def activity_list(request):
    # The meeting place: a safe address there keeps the activity's off the map.
    shown = _shown(ActivityPage).select_related("meeting_place").prefetch_related("exceptions")
    return _listing(
        request, ActivityPage, shown, "initiatives/activity_list.html", gettext("Activiteiten"),
        form_class=ActivityFilterForm,
    )  # fmt: skip


def meeting_place_list(request):
    shown = _shown(MeetingPlacePage).prefetch_related("opening_hours")
    return _listing(
        request,
        MeetingPlacePage,
        shown,
        "initiatives/meeting_place_list.html",
        gettext("Ontmoetingsplekken"),
    )


def vacancy_list(request):
    return _listing(
        request,
        VacancyPage,
        _shown(VacancyPage),
        "initiatives/vacancy_list.html",
        gettext("Vrijwilligersvacatures"),
    )


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
    return (
        queryset.live()
        .public()
        .select_related("meeting_place", "neighbourhood", "municipality")
        .prefetch_related("exceptions")
        .order_by("starts_on", "title")
    )


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


@require_safe
def short_link(request, page_id: int):
    """``/a/<id>/``: the short address printed under a QR code (docs/print.md),
    easy to type over from paper. A redirect, not permanent: the page may be
    moved or renamed, its id stays."""
    page = get_object_or_404(
        Page.objects.live()
        .public()
        .type(ActivityPage, InitiativePage, MeetingPlacePage, VacancyPage),
        pk=page_id,
    )
    return redirect(page.url)
