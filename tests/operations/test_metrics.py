"""/metrics (issue 19): Prometheus text that parses, closed unless
configured, labels without paths, queries or addresses, and totals that add
up over several processes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from prometheus_client.parser import text_string_to_metric_families

from core.mail import mail_after_commit
from operations.jobs import Job
from operations.schedule import Schedule
from operations.worker import Worker

URL = "/metrics"
TOKEN = "s3cret-metrics-token"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = []
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def scrape(client, headers) -> dict[tuple[str, tuple], float]:
    response = client.get(URL, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    assert not response.cookies
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.mark.django_db
def test_without_configuration_there_is_no_such_page(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    assert client.get(URL).status_code == 404
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.django_db
def test_the_token_is_required(client, token):
    assert client.get(URL).status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 401
    assert client.get(URL, **token).status_code == 200


@pytest.mark.django_db
def test_allowed_addresses(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get(URL).status_code == 404  # the test client is 127.0.0.1
    # A forwarded address is not believed.
    assert client.get(URL, HTTP_X_FORWARDED_FOR="10.1.2.3").status_code == 404
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "127.0.0.1"]
    assert client.get(URL).status_code == 200
    settings.METRICS_TOKEN = TOKEN  # both set: both needed
    assert client.get(URL).status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


@pytest.mark.django_db
def test_requests_searches_and_mails_are_counted(
    client, token, home, django_capture_on_commit_callbacks
):
    before = scrape(client, token)
    client.get("/zoeken/", {"q": "qwxzrtplk"})  # finds nothing
    client.get("/api/search/", {"q": "qwxzrtplk"})
    with django_capture_on_commit_callbacks(execute=True):
        mail_after_commit(template="volunteers/email/match_alert", context={}, to="a@example.nl")
    assert len(mail.outbox) == 1
    after = scrape(client, token)
    assert (
        value(after, "meedoen_searches_total", result="none")
        - value(before, "meedoen_searches_total", result="none")
        == 2
    )
    assert (
        value(after, "meedoen_mails_total", outcome="sent")
        - value(before, "meedoen_mails_total", outcome="sent")
        == 1
    )
    assert (
        value(after, "meedoen_http_requests_total", view="search:page", method="GET", status="2xx")
        - value(
            before, "meedoen_http_requests_total", view="search:page", method="GET", status="2xx"
        )
        == 1
    )
    assert value(after, "meedoen_http_request_duration_seconds_count", view="search:page") >= 1
    assert value(after, "meedoen_database_up") == 1


@pytest.mark.django_db
def test_labels_hold_no_paths_queries_or_addresses(client, token, home):
    client.get("/zoeken/", {"q": "jan.jansen@example.nl 3311AB"})
    client.get("/profiel/piet@example.nl/")
    client.get("/bestaat-niet/?email=kees@example.nl")
    response = client.get(URL, **token)
    text = response.content.decode()
    for leak in ["@", "jansen", "3311", "piet", "kees", "bestaat", "?", "zoeken/"]:
        assert leak not in text, leak
    views = {
        sample.labels["view"]
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if "view" in sample.labels
    }
    assert "search:page" in views
    assert all(re.fullmatch(r"[\w:.-]+", view) for view in views), views


@pytest.mark.django_db(transaction=True)
def test_jobs_are_exported_from_the_workers_records(client, token, settings):
    every5 = Schedule.parse("every 5 minutes")
    Worker(
        jobs=[
            Job(name="purge", command="purge_search_demand", schedule=every5),
            Job(name="broken", command="search_index", args=("nope",), schedule=every5),
        ]
    ).run_once()
    settings.PERIODIC_JOBS = [
        {"name": "purge", "command": "purge_search_demand", "schedule": "every 5 minutes"},
        {"name": "broken", "command": "search_index", "schedule": "every 5 minutes"},
    ]
    samples = scrape(client, token)
    assert value(samples, "meedoen_job_runs_total", job="purge") == 1
    assert value(samples, "meedoen_job_failures_total", job="broken") == 1
    assert value(samples, "meedoen_job_last_success_timestamp_seconds", job="purge") > 0
    assert value(samples, "meedoen_job_last_failure_timestamp_seconds", job="broken") > 0
    assert ("meedoen_worker_heartbeat_age_seconds", ()) in samples
    assert ("meedoen_search_outbox_depth", ()) in samples


CHILD = """
import django, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.test"
django.setup()
from core.metrics import search_counted
from operations.metrics import process_metrics
if sys.argv[1] == "count":
    search_counted(0)
    search_counted(5)
else:
    sys.stdout.write(process_metrics().decode())
"""


def test_several_processes_add_up(tmp_path):
    """Two processes count, a third answers /metrics: with
    PROMETHEUS_MULTIPROC_DIR it reports the sum of both."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}

    def child(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout

    child("count")
    child("count")
    text = child("read")
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    assert samples[("meedoen_searches_total", (("result", "none"),))] == 2
    assert samples[("meedoen_searches_total", (("result", "found"),))] == 2
