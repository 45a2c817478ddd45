"""Open data: the sociale kaart as Open Referral HSDS JSON (docs/open-data.md).

The paged endpoints follow the Open Referral API (HSDA 3.0): ``page`` and
``per_page`` in, ``total_items``, ``total_pages`` … ``contents`` out. Each
answers from one page of rows with a fixed number of queries, carries an
ETag of the data version (publishing bumps it) and answers 304 when the
client has that version. The full export is a gzip file ``manage.py
export_hsds`` writes; ``/open-data/hsds.json`` serves it.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from email.utils import formatdate
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from core.versioning import cached_per_version, content_version

from . import hsds

DUMP_NAME = "hsds.json.gz"
# Shared caches may keep an answer this long; the ETag makes a re-check cheap.
MAX_AGE = 60


def dump_path() -> Path:
    return Path(settings.OPEN_DATA_DIR) / DUMP_NAME


def _etag(request, *args, **kwargs) -> str:
    # The version, and the query (page, per_page) the answer depends on.
    query = hashlib.sha1(request.GET.urlencode().encode(), usedforsecurity=False).hexdigest()
    return f"{content_version()}-{query[:12]}"


def _in_dutch(view):
    """Open data is Dutch at every address (/en/open-data/… too): its texts
    (accessibility, when an activity is) come from labels the interface
    translates, and the answers are cached per version, not per language."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with translation.override("nl"):
            return view(request, *args, **kwargs)

    return wrapped


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public data, for other sites' scripts
    if status == 200:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _paged(build):
    @_in_dutch
    @require_safe
    @condition(etag_func=_etag)
    def view(request):
        try:
            paging = hsds.Paging.from_query(request.GET)
        except hsds.BadPage as error:
            return _json({"error": str(error)}, status=400)
        name = f"open-data:{build.__name__}:{paging.number}:{paging.size}"
        return _json(cached_per_version(name, lambda: build(paging, request), timeout=3600))

    return view


services = _paged(hsds.services_page)
organizations = _paged(hsds.organizations_page)
locations = _paged(hsds.locations_page)


@_in_dutch
@require_safe
@condition(etag_func=_etag)
def service(request, service_id: str):
    item = hsds.service_by_id(service_id, request)
    if item is None:
        return _json({"error": "Deze dienst bestaat niet (meer)."}, status=404)
    return _json(item)


def _dump_etag(request) -> str | None:
    path = dump_path()
    if not path.exists():
        return None
    stat = path.stat()
    return f"{stat.st_mtime_ns:x}-{stat.st_size:x}"


@_in_dutch
@require_safe
@condition(etag_func=lambda request: _dump_etag(request) or f"live-{content_version()}")
def hsds_dump(request):
    """The whole export: the gzip file from ``export_hsds`` (as is for clients
    that take gzip, unpacked on the fly for others), or, before the first
    export, built now (small sites, tests)."""
    path = dump_path()
    if not path.exists():
        return _json(
            cached_per_version("open-data:export", lambda: hsds.export(request), timeout=3600)
        )
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = FileResponse(path.open("rb"), content_type="application/json")
        response["Content-Encoding"] = "gzip"
    else:
        response = StreamingHttpResponse(_unpacked(path), content_type="application/json")
    response["Last-Modified"] = formatdate(path.stat().st_mtime, usegmt=True)
    response["Vary"] = "Accept-Encoding"
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _unpacked(path: Path):
    with gzip.open(path, "rb") as packed:
        while block := packed.read(1 << 16):
            yield block
