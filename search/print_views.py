"""The printed weekly agenda as a page and as a PDF (docs/print.md).

``/agenda/afdrukken/?wijk=<id>&week=2026-W49`` and
``/agenda/afdrukken/initiatief/<id>/?week=…``: the sheet in the browser with
"Download als PDF"; ``…/agenda.pdf`` beside each: the same template made into
a PDF by WeasyPrint (core/pdf.py), kept in the cache per selection, week, day
and content version, so a second request does not render again and a
publish is on the next sheet.
"""

from __future__ import annotations

from django.core.validators import slug_re
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from core.pdf import PdfUnavailable, html_to_pdf
from core.versioning import cached_per_version
from initiatives.models import InitiativePage, Neighbourhood

from .print_agenda import (
    WEEKS_AHEAD,
    BadWeek,
    PrintAgenda,
    Week,
    agenda_for_initiative,
    agenda_for_wijk,
    week_parse,
    without_scheme,
)

TEMPLATE = "search/print/agenda.html"
# A PDF is kept a day at most: the sheet of this week starts today.
PDF_SECONDS = 24 * 3600


class BadRequest(ValueError):
    """The message for a 400, for the visitor."""


def _error(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(request, "search/print/error.html", {"message": message}, status=status)


def _week(request: HttpRequest) -> Week:
    return week_parse(request.GET.get("week", ""), today=timezone.localdate())


def _neighbourhood(request: HttpRequest) -> Neighbourhood:
    """The wijk by its number (as the embed and the activity list name it) or
    by its slug, with ``gemeente=<slug>`` where two gemeenten have a wijk of
    that name."""
    wijk = request.GET.get("wijk", "").strip()
    wijken = Neighbourhood.objects.select_related("municipality")
    if not wijk:
        raise BadRequest(
            # Translators: "?wijk=12" is part of an address: keep it as it is.
            gettext("Kies eerst een wijk. Gebruik het nummer van de wijk, bijvoorbeeld ?wijk=12.")
        )
    if wijk.isascii() and wijk.isdigit():
        if len(wijk) > 9:
            raise Http404("Deze wijk kennen we niet.")
        return get_object_or_404(wijken, pk=int(wijk))
    if not slug_re.match(wijk) or len(wijk) > 50:
        raise BadRequest(
            gettext("Gebruik het nummer of de naam van een wijk, bijvoorbeeld ?wijk=12.")
        )
    found = wijken.filter(slug=wijk)
    gemeente = request.GET.get("gemeente", "").strip()[:100]
    if gemeente:
        found = found.filter(municipality__slug=gemeente)
    matches = list(found[:2])
    if not matches:
        raise Http404("Deze wijk kennen we niet.")
    if len(matches) > 1:
        raise BadRequest(
            # Translators: %(example)s is part of an address: "?wijk=…&gemeente=…".
            gettext(
                "Een wijk met deze naam ligt in meer gemeenten. Kies de gemeente erbij, "
                "bijvoorbeeld %(example)s, of gebruik het nummer van de wijk."
            )
            % {"example": f"?wijk={wijk}&gemeente={matches[0].municipality.slug}"}
        )
    return matches[0]


def _initiative(page_id: int) -> InitiativePage:
    return get_object_or_404(InitiativePage.objects.live().public(), pk=page_id)


def _context(agenda: PrintAgenda, *, pdf: bool, html_url: str, pdf_url: str) -> dict:
    this_week = Week.of(timezone.localdate())
    week = agenda.week
    previous = week + -1 if week.monday > this_week.monday else None
    following = week + 1 if (week + 1).monday <= (this_week + WEEKS_AHEAD).monday else None
    return {
        "agenda": agenda,
        "pdf": pdf,
        "online_text": without_scheme(agenda.online_url),
        # Under the QR code, broken after the host where it must wrap.
        "online_host": without_scheme(agenda.online_url).split("/", 1)[0],
        "online_path": without_scheme(agenda.online_url).partition("/")[2],
        "pdf_url": f"{pdf_url}week={week.param}",
        "previous_url": f"{html_url}week={previous.param}" if previous else "",
        "following_url": f"{html_url}week={following.param}" if following else "",
        "printed_on": timezone.localdate(),
    }


def _page(request, agenda: PrintAgenda, *, html_url: str, pdf_url: str) -> HttpResponse:
    context = _context(agenda, pdf=False, html_url=html_url, pdf_url=pdf_url)
    return render(request, TEMPLATE, context)


def _pdf(request, name: str, make_agenda, *, filename: str) -> HttpResponse:
    """The PDF from the cache, or rendered once and kept there."""

    def rendered() -> bytes:
        agenda = make_agenda()
        html = render_to_string(
            TEMPLATE, _context(agenda, pdf=True, html_url="", pdf_url=""), request=request
        )
        return html_to_pdf(html)

    # Per interface language too: the sheet's text is in it.
    key = f"print-agenda:{get_language()}:{name}:{timezone.localdate().isoformat()}"
    try:
        body = cached_per_version(key, rendered, timeout=PDF_SECONDS)
    except PdfUnavailable:
        return _error(
            request,
            gettext(
                "De PDF kan nu niet gemaakt worden. Open de agenda als pagina en druk die af "
                "met de printknop van je browser."
            ),
            status=503,
        )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def wijk_agenda(request: HttpRequest) -> HttpResponse:
    try:
        week, neighbourhood = _week(request), _neighbourhood(request)
    except (BadWeek, BadRequest) as bad:
        return _error(request, str(bad))
    agenda = agenda_for_wijk(neighbourhood, week, now=timezone.now())
    base = f"?wijk={neighbourhood.pk}&"
    return _page(
        request,
        agenda,
        html_url=reverse("search:print_agenda") + base,
        pdf_url=reverse("search:print_agenda_pdf") + base,
    )


@require_safe
def wijk_agenda_pdf(request: HttpRequest) -> HttpResponse:
    try:
        week, neighbourhood = _week(request), _neighbourhood(request)
    except (BadWeek, BadRequest) as bad:
        return _error(request, str(bad))
    return _pdf(
        request,
        f"wijk:{neighbourhood.pk}:{week.param}",
        lambda: agenda_for_wijk(neighbourhood, week, now=timezone.now()),
        filename=f"agenda-{neighbourhood.slug}-{week.param}.pdf",
    )


@require_safe
def initiative_agenda(request: HttpRequest, page_id: int) -> HttpResponse:
    initiative = _initiative(page_id)
    try:
        week = _week(request)
    except BadWeek as bad:
        return _error(request, str(bad))
    agenda = agenda_for_initiative(initiative, week, now=timezone.now())
    return _page(
        request,
        agenda,
        html_url=reverse("search:print_initiative", args=[page_id]) + "?",
        pdf_url=reverse("search:print_initiative_pdf", args=[page_id]) + "?",
    )


@require_safe
def initiative_agenda_pdf(request: HttpRequest, page_id: int) -> HttpResponse:
    initiative = _initiative(page_id)
    try:
        week = _week(request)
    except BadWeek as bad:
        return _error(request, str(bad))
    return _pdf(
        request,
        f"initiative:{initiative.pk}:{week.param}",
        lambda: agenda_for_initiative(initiative, week, now=timezone.now()),
        filename=f"agenda-{initiative.slug}-{week.param}.pdf",
    )
