"""The search page and its JSON and GeoJSON twins: form -> query -> backend."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core import ratelimit
from core.i18n import in_page_language
from core.metrics import search_counted
from core.site_url import absolute_url
from initiatives.choices import Respite
from initiatives.places import choice_links
from initiatives.when import When, when_context

from . import demand
from .backends import get_backend
from .forms import MAX_PAGE, SearchForm, clean_text
from .next_steps import contact_point_for, next_steps
from .results import Hit, SearchResults
from .suggestions import MAX_LENGTH, MAX_RESULTS, SOURCES

# Facets of the backend -> the GET parameter that filters on them.
FACET_PARAMS = {"type": "type", "theme": "thema", "wijk": "wijk", "language": "taal"}
# Parameters that take one value: a facet link replaces it instead of adding one.
SINGLE_VALUE = {"wijk"}
# The filters folded under 'Meer filters' (unfolded when one is in use).
MORE_FILTERS = (
    "thema", "doelgroep", "wijk", "van", "tot", "dag", "gratis", "nu_open", "open_op", "rolstoel",
    "respijt", "taal",
)  # fmt: skip
# Suggestions change when a listing is published or a wijk added: a few
# minutes' staleness is fine, and saves a request per keystroke on the way back.
SUGGEST_MAX_AGE = 300
# Translators: "veld=wat" and "veld=waar" are parameters of the address: keep them.
SUGGEST_FIELD = _("Kies het veld: veld=wat of veld=waar.")
SUGGEST_SLOW_DOWN = _("Even wachten: je vraagt te veel suggesties achter elkaar.")


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    results = get_backend().search(form.to_query()) if form.is_valid() else None
    params = form.data.copy()
    params.pop("pagina", None)
    context = {
        "form": form,
        "results": results,
        "querystring": params.urlencode(),
        "first_page_url": _first_page_url(params),
        "place_choices": choice_links(form.data, "waar", form.place_choices),
        "more_filters": any(any(params.getlist(name)) for name in MORE_FILTERS),
        "has_filters": any(
            any(params.getlist(name))
            for name in (*MORE_FILTERS, "type", "waar", "straal", "wanneer")
        ),
        **_when(form, params),
    }
    if results is not None:
        context.update(
            page_obj=_page_obj(results),
            facets=_facet_links(params, results),
            total_label=_total_label(results),
            # A safe address's coarse point is for distances, not a marker.
            points=[
                _point(hit) for hit in results.hits if hit.lat is not None and hit.place_public
            ],
        )
        # A place searched gets its wijk's or gemeente's people to ask, and
        # so does a search that found nothing. The place is in the URL, which
        # is the page cache's key (core/pagecache.py).
        context["contact_point"] = contact_point_for(results.query, site_wide=results.total == 0)
        if results.total == 0:
            context["next_steps"] = next_steps(results, params)
    response = render(request, "search/search_page.html", context)
    if results is not None:
        search_counted(results.total)
        demand.note_search(request, response, results)
    return response


@require_safe
def respite_page(request: HttpRequest) -> HttpResponse:
    """ "Even vrij voor mantelzorgers": the listings that offer respite
    (logeeropvang, dagopvang, oppas, a free afternoon) near a postcode or
    place, with the mantelzorgsteunpunt of that place. The search form's
    place rules; no kind ticked means every kind."""
    params = request.GET.copy()
    params.pop("pagina", None)
    data = request.GET.copy()
    if not any(data.getlist("respijt")):
        data.setlist("respijt", Respite.values)
    form = SearchForm(data)
    results = get_backend().search(form.to_query()) if form.is_valid() else None
    context = {
        "form": form,
        "results": results,
        "querystring": params.urlencode(),
        "place_choices": choice_links(form.data, "waar", form.place_choices),
        "kinds": Respite.choices,
    }
    if results is not None:
        context.update(page_obj=_page_obj(results), total_label=_total_label(results))
    return render(request, "search/respite_page.html", context)


@require_safe
def search_api(request: HttpRequest) -> JsonResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _errors(form)
    results = get_backend().search(form.to_query())
    response = JsonResponse(
        {
            "total": results.total,
            "capped": results.capped,
            "corrected": results.corrected or None,
            "also_searched": results.also_searched,
            # What ``waar`` was understood as: "Dordrecht (gemeente)".
            "place": results.query.in_label or results.query.near_label or None,
            "page": results.query.page,
            "pages": min(results.pages, MAX_PAGE),
            "per_page": results.query.per_page,
            "results": [_hit_json(request, hit) for hit in results.hits],
            "facets": {
                FACET_PARAMS[name]: [
                    {"key": v.key, "label": v.label, "count": v.count} for v in values
                ]
                for name, values in results.facets.items()
                if name in FACET_PARAMS
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )
    search_counted(results.total)
    demand.note_search(request, response, results)
    return response


# Not counted for the demand report: the map's twin of a search the page or
# the API has already counted.
@require_safe
def search_geojson(request: HttpRequest) -> JsonResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _errors(form)
    results = get_backend().search(form.to_query())
    features = [
        {
            "type": "Feature",
            "id": hit.id,
            "geometry": {"type": "Point", "coordinates": [round(hit.lon, 6), round(hit.lat, 6)]},
            "properties": {
                "title": hit.title,
                "type": hit.type,
                "type_label": hit.type_label,
                "url": absolute_url(hit.url),
                "initiative": hit.initiative_title,
                "distance_km": _km(hit),
            },
        }
        for hit in results.hits
        if hit.lat is not None and hit.lon is not None and hit.place_public
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )


def search_suggestions(request: HttpRequest) -> JsonResponse:
    """Suggestions as you type: ``?veld=wat|waar&q=…`` -> at most 8 values
    with what each is. Text shorter than 2 letters gets none; longer than
    ``MAX_LENGTH`` is cut. Every answer is JSON, errors included."""
    if request.method not in ("GET", "HEAD"):
        response = _json({"error": gettext("Gebruik GET.")}, status=405)
        response["Allow"] = "GET, HEAD"
        return response
    client = ratelimit.client_address(request)
    if not ratelimit.reserve(client, "search_suggest", rate=settings.SEARCH_SUGGEST_RATE):
        response = _json({"error": SUGGEST_SLOW_DOWN}, status=429)
        response["Retry-After"] = "60"
        patch_cache_control(response, no_store=True)
        return response
    field = request.GET.get("veld", "")
    source = SOURCES.get(field)
    if source is None:
        return _json({"error": SUGGEST_FIELD}, status=400)
    text = clean_text(request.GET.get("q", ""))[:MAX_LENGTH]
    suggestions = source(text, MAX_RESULTS)
    response = _json(
        {
            "veld": field,
            "q": text,
            "suggestions": [
                {"value": s.value, "label": s.label or s.value, "kind": s.kind}
                | ({"lang": s.lang} if s.lang else {})
                for s in suggestions
            ],
        }
    )
    patch_cache_control(response, public=True, max_age=SUGGEST_MAX_AGE)
    return response


# -- helpers ---------------------------------------------------------------------
def _when(form: SearchForm, params: QueryDict) -> dict:
    """The quick date links ("Vandaag", "Dit weekend") and the month calendar's
    link for the place searched."""
    chosen = form.data.get("wanneer", "")
    context = when_context(
        params,
        chosen=chosen if chosen in When.values else "",
        overruled=form.when_overruled or bool(form.data.get("van") or form.data.get("tot")),
    )
    month = QueryDict(mutable=True)
    if form.data.get("wijk"):
        month["wijk"] = form.data["wijk"]
    elif form.data.get("waar"):
        month["plaats"] = form.data["waar"]
    context["month_url"] = reverse("search:month") + (f"?{month.urlencode()}" if month else "")
    return context


def _errors(form: SearchForm) -> JsonResponse:
    body: dict = {"errors": form.error_dict()}
    if form.place_choices:
        # The places a name may mean: send one back as ``waar`` to choose it.
        body["choices"] = {"waar": [place.label for place in form.place_choices]}
    return _json(body, status=400)


def _json(data: dict, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _km(hit: Hit) -> float | None:
    return round(hit.distance_km, 2) if hit.distance_km is not None else None


def _hit_json(request: HttpRequest, hit: Hit) -> dict:
    return {
        "id": hit.id,
        "type": hit.type,
        "title": hit.title,
        "summary": hit.summary,
        "url": absolute_url(hit.url),
        "initiative": hit.initiative_title,
        "wijk": hit.neighbourhood,
        "gemeente": hit.municipality,
        # A safe address has no point here: its distance is from a coarse one.
        "lat": round(hit.lat, 6) if hit.lat is not None and hit.place_public else None,
        "lon": round(hit.lon, 6) if hit.lon is not None and hit.place_public else None,
        "address_on_request": not hit.place_public,
        "respite": list(hit.respite),
        "languages": list(hit.languages),
        "distance_km": _km(hit),
        "next_date": hit.next_date.isoformat() if hit.next_date else None,
        "highlight": hit.highlight,
    }


def _point(hit: Hit) -> dict:
    """A marker for map.js (titles become text nodes there, never HTML)."""
    where = hit.initiative_title or hit.neighbourhood or hit.municipality
    return {
        "lat": round(hit.lat, 6),
        "lon": round(hit.lon, 6),
        "title": hit.title,
        "url": in_page_language(hit.url),
        "address": f"{hit.type_label} · {where}" if where else hit.type_label,
    }


def _total_label(results: SearchResults) -> str:
    """ "1.234 resultaten", with the thousands separator of the interface's
    language."""
    n = {"n": number_format(results.total, force_grouping=True)}
    if results.capped:
        return ngettext("minstens %(n)s resultaat", "minstens %(n)s resultaten", results.total) % n
    return ngettext("%(n)s resultaat", "%(n)s resultaten", results.total) % n


def _first_page_url(params: QueryDict) -> str:
    """The link to page 1 of the same search (``params`` without ``pagina``)."""
    query = params.urlencode()
    return f"?{query}&pagina=1" if query else "?pagina=1"


def _page_obj(results: SearchResults) -> Page | None:
    """A Django page over the counted total (not the rows) for the pagination
    include; None when the asked page lies past the end."""
    per_page = results.query.per_page
    paginator = Paginator(range(min(results.total, per_page * MAX_PAGE)), per_page)
    if results.query.page > paginator.num_pages:
        return None
    return paginator.page(results.query.page)


def _facet_links(params: QueryDict, results: SearchResults) -> dict[str, list[dict]]:
    """Each facet value as a link that keeps the other parameters: a value
    not chosen yet is added (replaced for a one-value parameter), a chosen one
    is removed. Back to page 1 either way."""
    links = {}
    for name, param in FACET_PARAMS.items():
        chosen = [v for v in params.getlist(param) if v]
        items = []
        for value in results.facets.get(name, []):
            selected = value.key in chosen
            if value.count == 0 and not selected:
                continue
            query = params.copy()
            if selected:
                query.setlist(param, [v for v in chosen if v != value.key])
            elif param in SINGLE_VALUE:
                query.setlist(param, [value.key])
            else:
                query.setlist(param, [*chosen, value.key])
            items.append(
                {
                    "label": value.label,
                    "count": value.count,
                    "selected": selected,
                    "url": "?" + query.urlencode(),
                }
            )
        links[param] = items
    return links
