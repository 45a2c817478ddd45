"""Open data: the sociale kaart as Open Referral HSDS JSON (docs/open-data.md)."""

from django.http import JsonResponse
from django.views.decorators.cache import cache_page

from .hsds import export


@cache_page(60 * 15)  # the whole map in one response: cheap to serve again
def hsds(request):
    response = JsonResponse(export(request), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public data, for other sites' scripts
    return response
