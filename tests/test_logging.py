"""Structured logs with a request id (issue 19, docs/logging.md)."""

from __future__ import annotations

import io
import json
import logging

import pytest

from core.logs import JsonFormatter, RequestIdFilter, logging_config
from tests.factories import UserFactory

SECRETS = ("Dorpsstraat", "1234AB", "jan.jansen@example.org", "geheim-token-abc")


@pytest.fixture
def json_lines():
    """Every log line written during the test, as the production handler
    would write it (JsonFormatter behind the request id filter)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


@pytest.mark.django_db
def test_request_lines_are_json_and_share_the_request_id(client, json_lines, home):
    response = client.get("/zoeken/", {"q": "koken"})
    assert response.status_code == 200
    lines = json_lines()
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert lines, "the request wrote no log line"
    assert {line["request_id"] for line in lines} == {request_id}
    access = [line for line in lines if line["logger"] == "meedoen.request"]
    assert len(access) == 1
    line = access[0]
    assert line["method"] == "GET"
    assert line["route"] == "/zoeken/"
    assert line["view"] == "search:page"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["user_id"] is None
    assert line["level"] == "INFO"
    assert line["time"].endswith("+00:00")


@pytest.mark.django_db
def test_a_sane_incoming_request_id_is_kept(client, json_lines, home):
    response = client.get("/zoeken/", headers={"X-Request-ID": "nginx-4f2a9c81d0e3"})
    assert response["X-Request-ID"] == "nginx-4f2a9c81d0e3"
    assert {line["request_id"] for line in json_lines()} == {"nginx-4f2a9c81d0e3"}


@pytest.mark.parametrize(
    "incoming",
    ["kort", "x" * 65, 'abc"def\nlevel=ERROR', "jan jansen@example.org", "äöü-äöü-äöü"],
)
@pytest.mark.django_db
def test_an_invalid_incoming_request_id_is_replaced(client, json_lines, home, incoming):
    response = client.get("/zoeken/", headers={"X-Request-ID": incoming})
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32
    assert incoming not in "\n".join(str(line) for line in json_lines())


@pytest.mark.django_db
def test_personal_values_in_the_query_string_are_not_logged(client, json_lines, home):
    client.get(
        "/zoeken/",
        {"q": "Dorpsstraat", "postcode": "1234AB", "email": "jan.jansen@example.org"},
    )
    text = json.dumps(json_lines())
    for value in SECRETS:
        assert value not in text


@pytest.mark.django_db
def test_django_errors_carry_the_request_id_and_not_the_token(client, json_lines, home):
    response = client.get("/aanmelding/bevestigen/geheim-token-abc/")
    assert response.status_code == 404
    lines = json_lines()
    django_lines = [line for line in lines if line["logger"] == "django.request"]
    assert len(django_lines) == 1
    assert django_lines[0]["request_id"] == response["X-Request-ID"]
    assert django_lines[0]["status_code"] == 404
    assert "/aanmelding/bevestigen/<str:token>/" in django_lines[0]["message"]
    assert "geheim-token-abc" not in json.dumps(lines)


@pytest.mark.django_db
def test_the_line_names_the_user_by_id_only(client, json_lines, home):
    user = UserFactory(email="jan.jansen@example.org", first_name="Jan")
    client.force_login(user)
    client.get("/mijn-aanmeldingen/")
    access = [line for line in json_lines() if line["logger"] == "meedoen.request"]
    assert access[-1]["user_id"] == user.pk
    text = json.dumps(json_lines())
    assert "jan.jansen@example.org" not in text
    assert '"Jan"' not in text


def test_a_line_outside_a_request_has_no_id(json_lines):
    logging.getLogger("meedoen.test").warning("plain %s", "line", extra={"count": 3})
    (line,) = json_lines()
    assert line == {
        "time": line["time"],
        "level": "WARNING",
        "logger": "meedoen.test",
        "message": "plain line",
        "request_id": None,
        "count": 3,
    }


def test_log_format_chooses_the_formatter():
    assert logging_config(fmt="json", level="INFO")["formatters"]["default"] == {
        "()": "core.logs.JsonFormatter"
    }
    assert "format" in logging_config(fmt="text", level="INFO")["formatters"]["default"]
    with pytest.raises(ValueError):
        logging_config(fmt="xml", level="INFO")


def test_runserver_lines_with_the_path_go_nowhere(capsys):
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(logging_config(fmt="json", level="INFO"))
    try:
        logging.getLogger("django.server").warning(
            '"GET /aanmelding/bevestigen/geheim-token-abc/ HTTP/1.1" 404 3075'
        )
        captured = capsys.readouterr()
        assert "geheim-token-abc" not in captured.err + captured.out
    finally:
        dictConfig(settings.LOGGING)


@pytest.mark.django_db
def test_a_wagtail_page_logs_as_a_page(client, json_lines, home):
    client.get("/")
    (line,) = [line for line in json_lines() if line["logger"] == "meedoen.request"]
    assert (line["route"], line["view"]) == ("/<page>/", "wagtail_serve")
