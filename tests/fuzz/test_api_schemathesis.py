"""Schemathesis against the OpenAPI description at /api/openapi.json
(api/openapi.json, docs/api.md), through the Django app in-process.

Every operation gets a fixed budget of generated requests, both valid ones and
ones that break the description (wrong types, out-of-range numbers, unknown
enum values, odd unicode); each must answer without a server error, with a
status code, content type and body that the description allows."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.openapi import spec

# FUZZ_API_EXAMPLES=1000 for a longer hunt on a laptop; CI keeps the fixed budget.
EXAMPLES_PER_OPERATION = int(os.environ.get("FUZZ_API_EXAMPLES", "40"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

django_app = get_wsgi_application()


def app(environ, start_response):
    """Django's WSGI app, but without closing the database connection at the
    end of a request (as Django's test client does): the test's transaction,
    with its data, lives on that connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = django_app(environ, start_response)
        body = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return [body]


schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)


def test_the_description_is_served_and_is_openapi_3_1(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json() == spec()
    assert spec()["openapi"].startswith("3.1")
    assert {"/api/search/", "/api/search.geojson", "/api/v2/pages/", "/open-data/hsds.json"} <= set(
        spec()["paths"]
    )


@pytest.mark.django_db
@schema.parametrize()
@settings(settings.get_profile("fuzz"), max_examples=EXAMPLES_PER_OPERATION)
def test_api_conforms_to_its_description(case, listings):
    case.call_and_validate(checks=CHECKS)


# Inputs that gave a server error before (found by fuzzing); kept as fixed
# examples because a random budget need not draw them again.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v2/pages/", {"search": "\x00"}),
        ("/api/v2/pages/", {"search": "koffie\x00thee"}),
        ("/api/v2/pages/", {"title": "\x00"}),
        ("/api/v2/pages/", {"search": " ".join(["a"] * 200)}),  # RecursionError
        ("/api/v2/pages/", {"search": "a " * 150, "search_operator": "or"}),
        ("/api/v2/pages/", {"offset": "99999999999999999999"}),
        ("/api/v2/pages/", {"child_of": "99999999999999999999"}),
        ("/api/v2/pages/find/", {"html_path": "/initiatieven/\x00/"}),
        ("/api/v2/pages/find/", {"id": "null"}),
        ("/api/v2/pages/find/", {"html_path": "/nergens/", "id": "²"}),
        ("/activiteiten/agenda.ics", {"wijk": "²"}),
        ("/activiteiten/agenda.ics", {"wijk": "١٢"}),
        ("/activiteiten/agenda.ics", {"wijk": "99999999999999999999"}),
        ("/api/search/", {"q": "\x00", "wijk": "²", "pagina": "١"}),
    ],
)
def test_former_server_errors_are_client_errors(client, listings, path, query):
    response = client.get(path, query)
    assert response.status_code in (400, 404), response.content[:500]
