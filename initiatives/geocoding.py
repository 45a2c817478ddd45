"""Address and postcode to a point: an offline postcode table and PDOK.

Geocoders are tried in the order of ``settings.GEOCODERS``. A geocoder that
cannot be reached is skipped; only when none answered does the caller hear
``GeocoderUnavailable`` (and asks for a map click instead).

Answers from an outside geocoder (PDOK) are kept in the cache, "not found"
too; "could not ask" never. Within a request (``GeocodingClientMiddleware``)
each client may make only ``GEOCODER_REMOTE_RATE`` outside lookups; beyond
that the outside geocoder is skipped as if it could not be reached, so
anonymous visitors cannot make the server wait on PDOK for every free-text
``waar=`` or use up its quota.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import requests
from django.conf import settings
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core import pagecache, ratelimit

from .models.geography import (
    POSTCODE_INVALID,
    PostcodeCentroid,
    in_netherlands,
    normalise_postcode,
)
from .places import resolve_place
from .querysets import knn

log = logging.getLogger(__name__)


class GeocodeError(Exception):
    """The input cannot be located; the message is for the user (Dutch)."""


class GeocodeInvalid(GeocodeError):
    pass


class GeocodeNotFound(GeocodeError):
    """Unknown; ``suggestions``: close names to offer ("Bedoel je…?")."""

    def __init__(self, message: str = "", suggestions: tuple = ()):
        super().__init__(message)
        self.suggestions = tuple(suggestions)


class GeocodeAmbiguous(GeocodeError):
    """Several places have this name; ``choices`` lists them (``places.Place``)."""

    def __init__(self, message: str = "", choices: tuple = ()):
        super().__init__(message)
        self.choices = tuple(choices)


class GeocoderUnavailable(Exception):
    """No geocoder could be asked (network, timeout, server error)."""


@dataclass(frozen=True)
class GeocodeResult:
    point: Point
    label: str
    postcode: str = ""
    town: str = ""
    source: str = ""
    # A named place (``places.Place``): what "in" it means for a search.
    place: object = None


# Dutch, as the tests and other apps compare it; translated where it is raised.
NOT_FOUND = gettext_noop("Deze postcode kennen we niet. Controleer hem, bijvoorbeeld 3317 AB.")
# Only forms with a map (the CMS's location widget) can offer this way out.
MAP_HINT = _("Of klik de plek aan op de kaart.")


def with_map_hint(exc: GeocodeError) -> str:
    """The message for a form that has a map to click instead."""
    return f"{exc} {MAP_HINT}" if isinstance(exc, GeocodeNotFound) else str(exc)


INVALID = POSTCODE_INVALID


class PostcodeTableGeocoder:
    """Postcode centroids imported with ``manage.py import_postcodes``."""

    name = "table"

    def geocode(self, query: str, *, postcode: str = "", **_) -> GeocodeResult:
        code = normalise_postcode(postcode or query)
        if code is None:
            # Not a postcode: this geocoder has no answer either way, so a
            # place name is "could not look up" rather than "unknown".
            raise GeocoderUnavailable("the postcode table only knows postcodes")
        candidates = [code] if " " not in code else [code, code[:4]]
        rows = {r.postcode: r for r in PostcodeCentroid.objects.filter(postcode__in=candidates)}
        for candidate in candidates:
            if candidate in rows:
                row = rows[candidate]
                label = f"{candidate} {row.town}".strip()
                return GeocodeResult(row.point, label, candidate, row.town, self.name)
        raise GeocodeNotFound(gettext(NOT_FOUND))


_POINT_RE = re.compile(r"POINT\(([-\d.]+) ([-\d.]+)\)")


class PdokGeocoder:
    """The government's Locatieserver (free, no key) over HTTPS."""

    name = "pdok"
    # Asked over the network: cached and throttled by ``geocode``.
    remote = True

    def __init__(self, url: str | None = None, timeout: float | None = None):
        self.url = url or settings.PDOK_LOCATIESERVER_URL
        self.timeout = timeout if timeout is not None else settings.GEOCODER_TIMEOUT

    def geocode(self, query: str, **_) -> GeocodeResult:
        params = {
            "q": query,
            "rows": 1,
            "fl": "weergavenaam,centroide_ll,postcode,woonplaatsnaam,type",
            "fq": "type:(adres OR postcode OR woonplaats)",
        }
        try:
            response = requests.get(self.url, params=params, timeout=self.timeout)
            response.raise_for_status()
            docs = response.json()["response"]["docs"]
        except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
            log.warning("PDOK geocoder unavailable: %s", exc)
            raise GeocoderUnavailable(str(exc)) from exc
        if not docs:
            raise GeocodeNotFound(gettext(NOT_FOUND))
        doc = docs[0]
        match = _POINT_RE.search(doc.get("centroide_ll", ""))
        if not match:
            raise GeocoderUnavailable("PDOK answered without a point")
        lon, lat = float(match.group(1)), float(match.group(2))
        return GeocodeResult(
            Point(lon, lat, srid=4326),
            doc.get("weergavenaam", query),
            normalise_postcode(doc.get("postcode", "")) or "",
            doc.get("woonplaatsnaam", ""),
            self.name,
        )


class PlaceGeocoder:
    """Woonplaatsen, gemeenten and wijken by name, from the database
    (``places.resolve_place``): offline, no outside call."""

    name = "places"

    def geocode(self, query: str, *, postcode: str = "", **_) -> GeocodeResult:
        if postcode or normalise_postcode(query):
            raise GeocoderUnavailable("places are names, not postcodes or addresses")
        resolution = resolve_place(query)
        if resolution.ambiguous:
            raise GeocodeAmbiguous("more than one place", resolution.places)
        place = resolution.place
        if place is None or place.point is None:
            raise GeocodeNotFound(gettext(NOT_FOUND), resolution.guesses)
        town = place.municipality if place.kind == "wijk" else place.name
        return GeocodeResult(place.point, place.label, "", town, self.name, place)


GEOCODER_CLASSES = {"table": PostcodeTableGeocoder, "places": PlaceGeocoder, "pdok": PdokGeocoder}


def get_geocoders():
    return [GEOCODER_CLASSES[name]() for name in settings.GEOCODERS]


# The request being served, for the throttle: set by the middleware below.
_request: ContextVar[HttpRequest | None] = ContextVar("geocoding_request", default=None)


@contextmanager
def lookups_for(request: HttpRequest | None) -> Iterator[None]:
    """Count outside lookups made inside the block against the client that
    sent ``request``; None: not throttled (commands, background work)."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


class GeocodingClientMiddleware:
    """A request's outside lookups count against its client address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with lookups_for(request):
            return self.get_response(request)


def _current_client() -> str | None:
    """The client address as the rate limits read it (core/ratelimit.py),
    worked out only when an outside lookup is about to be made."""
    request = _request.get()
    if request is None:
        return None
    try:
        return ratelimit.client_address(request)
    except PermissionDenied:  # allauth found no address: one bucket for all such
        return "ip:unknown"


_NOT_FOUND = "not-found"


def _cache_key(geocoder, query: str, postcode: str) -> str:
    # Case and runs of spaces do not change the question.
    question = "\n".join(
        (getattr(geocoder, "url", ""), " ".join(query.split()).casefold(), postcode)
    )
    return f"geocode:{geocoder.name}:{hashlib.sha256(question.encode()).hexdigest()}"


def _ask_remote(geocoder, query: str, postcode: str) -> GeocodeResult:
    """An outside geocoder through the cache and the client's throttle."""
    key = _cache_key(geocoder, query, postcode)
    cached = cache.get(key)
    if cached == _NOT_FOUND:
        raise GeocodeNotFound(gettext(NOT_FOUND))
    if cached is not None:
        lon, lat, label, code, town, source = cached
        return GeocodeResult(Point(lon, lat, srid=4326), label, code, town, source)
    client = _current_client()
    if client is not None and not ratelimit.reserve(
        client, "geocode", rate=settings.GEOCODER_REMOTE_RATE
    ):
        log.info("outside geocoder skipped: too many lookups from one client")
        raise GeocoderUnavailable("too many outside lookups from this client")
    try:
        result = geocoder.geocode(query, postcode=postcode)
    except GeocodeNotFound:
        cache.set(key, _NOT_FOUND, settings.GEOCODER_CACHE_MISS_SECONDS)
        raise
    point = result.point
    cache.set(
        key,
        (point.x, point.y, result.label, result.postcode, result.town, result.source),
        settings.GEOCODER_CACHE_SECONDS,
    )
    return result


def geocode(query: str, *, postcode: str = "", geocoders=None) -> GeocodeResult:
    """Try each geocoder in turn; raise GeocodeNotFound when every one that
    answered did not know it, GeocoderUnavailable when none answered."""
    if not (query or "").strip():
        raise GeocodeInvalid(gettext("Vul een postcode of adres in."))
    if len(query) > 200:
        raise GeocodeInvalid(gettext("Dit adres is te lang."))
    answered = False
    suggestions: tuple = ()
    for geocoder in geocoders if geocoders is not None else get_geocoders():
        try:
            if getattr(geocoder, "remote", False):
                return _ask_remote(geocoder, query, postcode)
            return geocoder.geocode(query, postcode=postcode)
        except GeocodeNotFound as exc:
            answered = True
            suggestions = suggestions or getattr(exc, "suggestions", ())
        except GeocoderUnavailable:
            # Throttled for this client, or the service is down: whatever the
            # page then says ("not found", "cannot look it up") is this
            # moment's, not what the same question gets next minute.
            pagecache.do_not_store(_request.get())
            continue
    if answered:
        raise GeocodeNotFound(gettext(NOT_FOUND), suggestions)
    raise GeocoderUnavailable("no geocoder answered")


def geocode_postcode(value: str, *, geocoders=None) -> GeocodeResult:
    code = normalise_postcode(value)
    if code is None:
        raise GeocodeInvalid(gettext(INVALID))
    return geocode(code, postcode=code, geocoders=geocoders)


def geocode_address(
    *,
    street: str = "",
    house_number: str = "",
    postcode: str = "",
    town: str = "",
    geocoders=None,
) -> GeocodeResult:
    query = " ".join(p for p in (street, house_number, postcode, town) if p)
    return geocode(query, postcode=postcode, geocoders=geocoders)


# -- the one entry point for forms -------------------------------------------------


class LocateFailure:
    """Why ``locate`` found no point: the ``code`` of its ValidationError."""

    EMPTY = "empty"
    INVALID = "invalid"
    TOO_LONG = "too_long"
    NOT_FOUND = "not_found"
    AMBIGUOUS = "ambiguous"
    NO_POSTCODE = "no_postcode"
    POSTCODE_NOT_FOUND = "postcode_not_found"
    UNAVAILABLE = "unavailable"
    OUTSIDE_NL = "outside_nl"


# One message per kind of failure, the same on every form. They say what to do
# next; none of them blames the person, and the form keeps what was typed.
LOCATE_MESSAGES = {
    LocateFailure.EMPTY: _("Vul een postcode of plaatsnaam in, bijvoorbeeld 3311 AB of Dordrecht."),
    LocateFailure.INVALID: _(POSTCODE_INVALID),
    LocateFailure.TOO_LONG: _(
        "Dit is te lang. Vul een postcode of plaatsnaam in, bijvoorbeeld 3311 AB."
    ),
    LocateFailure.NOT_FOUND: _(
        "Deze plek kennen we niet. Controleer de spelling, of vul een "
        "postcode in, bijvoorbeeld 3311 AB."
    ),
    LocateFailure.AMBIGUOUS: _("Er zijn meer plekken met deze naam. Kies welke je bedoelt."),
    LocateFailure.NO_POSTCODE: _(
        "Bij deze plaats kennen we geen postcode. Vul je postcode in, bijvoorbeeld 3311 AB."
    ),
    LocateFailure.POSTCODE_NOT_FOUND: _(NOT_FOUND),
    LocateFailure.UNAVAILABLE: _(
        "We kunnen deze plek nu niet opzoeken. Vul een postcode in, "
        "bijvoorbeeld 3311 AB, of probeer het later nog eens."
    ),
    LocateFailure.OUTSIDE_NL: _("Deze plek ligt niet in Nederland. Vul een plek in Nederland in."),
}


_POSTCODE_LIKE = re.compile(r"^\s*\d[\d\s]*[A-Za-z]{0,3}\s*$")


def locate_error(kind: str, choices: tuple = ()) -> ValidationError:
    """``choices``: places to offer as "Bedoel je…" links (``params["choices"]``)."""
    return ValidationError(LOCATE_MESSAGES[kind], code=kind, params={"choices": tuple(choices)})


def locate_choices(error: ValidationError) -> tuple:
    """The places a ``locate`` error offers (ambiguous, or close to a typo)."""
    found = []
    for item in getattr(error, "error_list", [error]):
        found.extend((getattr(item, "params", None) or {}).get("choices", ()))
    return tuple(found)


def locate(
    text: str = "",
    *,
    street: str = "",
    house_number: str = "",
    postcode: str = "",
    town: str = "",
    postcode_only: bool = False,
    offline: bool = False,
    geocoders=None,
) -> GeocodeResult:
    """Where ``text`` (or the address in the keyword arguments) is: a point
    inside the Netherlands and what was matched, or one ``ValidationError``
    whose ``code`` is a ``LocateFailure`` and whose message is that kind's.

    The only function forms call. It may ask an outside geocoder (PDOK, cached
    and throttled), so it belongs in a form's ``clean``, never in a model's.
    ``postcode_only``: the field asks for a postcode, so anything else is
    "not a valid postcode" rather than a place name to look up. ``offline``:
    only the geocoders that answer from the database (for services, which
    must not wait on the network; the form already asked the others)."""
    if postcode_only:
        code = normalise_postcode(text or postcode)
        if code is None:
            kind = LocateFailure.EMPTY if not (text or postcode).strip() else LocateFailure.INVALID
            raise locate_error(kind)
        text, postcode = code, code
    elif text and normalise_postcode(text):
        # A postcode however typed ('3317ab') is one question.
        text = postcode = normalise_postcode(text)
    elif text and _POSTCODE_LIKE.match(text):
        # '12', '33 17 X', '0317 AB': meant as a postcode, and not one.
        raise locate_error(LocateFailure.INVALID)
    elif not text:
        if postcode:
            code = normalise_postcode(postcode)
            if code is None:
                raise locate_error(LocateFailure.INVALID)
            postcode = code
        text = " ".join(p for p in (street, house_number, postcode, town) if p)
    text = " ".join((text or "").split())
    if not text:
        raise locate_error(LocateFailure.EMPTY)
    if len(text) > 200:
        raise locate_error(LocateFailure.TOO_LONG)
    skipped = False
    if geocoders is None and offline:
        everything = get_geocoders()
        geocoders = [g for g in everything if not getattr(g, "remote", False)]
        skipped = len(geocoders) < len(everything)
    try:
        result = geocode(text, postcode=postcode, geocoders=geocoders)
    except GeocodeInvalid as exc:
        raise locate_error(LocateFailure.INVALID) from exc
    except GeocodeAmbiguous as exc:
        raise locate_error(LocateFailure.AMBIGUOUS, exc.choices) from exc
    except GeocodeNotFound as exc:
        # Unknown offline, and a geocoder that might know it was not asked.
        if skipped:
            kind = LocateFailure.UNAVAILABLE
        elif normalise_postcode(text):
            kind = LocateFailure.POSTCODE_NOT_FOUND
        else:
            kind = LocateFailure.NOT_FOUND
        raise locate_error(kind, exc.suggestions) from exc
    except GeocoderUnavailable as exc:
        raise locate_error(LocateFailure.UNAVAILABLE) from exc
    if not in_netherlands(result.point):
        raise locate_error(LocateFailure.OUTSIDE_NL)
    return result


# How far from a town's centre its nearest PC4 centre may lie (beyond its radius).
PC4_REACH_KM = 5.0


def postcode_for(text: str) -> str:
    """For a field that keeps a postcode (the volunteer profile, the help
    request): the postcode typed, normalised; for an address, its postcode;
    for a town, gemeente or wijk, the PC4 whose centre lies nearest the place's
    centre. So "Sassenheim" is kept as Sassenheim's PC4, and everything that
    is computed from the postcode (the coarse point, the public grid cell)
    stays as coarse as for a typed postcode. Raises ``locate``'s errors."""
    code = normalise_postcode(text)
    if code is not None:
        return code
    result = locate(text)
    if result.postcode:
        return result.postcode
    place = result.place
    if place is None or place.point is None:
        raise locate_error(LocateFailure.NO_POSTCODE)
    nearest = (
        PostcodeCentroid.objects.filter(postcode__regex=r"^[1-9][0-9]{3}$")
        .annotate(distance=Distance("point", place.point))
        .order_by(knn(PostcodeCentroid, place.point, "point"))
        .first()
    )
    reach = max(place.radius_km or 0, PC4_REACH_KM)
    if nearest is None or nearest.distance.km > reach:
        raise locate_error(LocateFailure.NO_POSTCODE)
    return nearest.postcode


def locate_postcode(postcode: str, *, what: str) -> Point | None:
    """The point of a postcode, from the offline geocoders only: a service
    never waits on the network (the form asked PDOK already). An unknown one
    is a ValidationError on ``postcode``; none that could answer is None
    (logged), so nothing typed is lost."""
    try:
        return locate(postcode, postcode_only=True, offline=True).point
    except ValidationError as exc:
        if exc.code == LocateFailure.UNAVAILABLE:
            log.warning("no geocoder for %s", what)
            return None
        raise ValidationError({"postcode": exc}) from exc
