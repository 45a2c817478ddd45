"""The OpenAPI description of the public, read-only API, served at
/api/openapi.json (docs/api.md). The description itself is openapi.json beside
this module; tests/fuzz/test_api_schemathesis.py tests the API against it."""

import json
from functools import cache
from pathlib import Path

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

SPEC_PATH = Path(__file__).with_name("openapi.json")


@cache
def spec() -> dict:
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


@require_safe
def openapi(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(spec(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public, like the data it describes
    return response
