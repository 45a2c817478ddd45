"""Every absolute link is built on the configured base URL (core/site_url.py),
never on the Wagtail Site's first hostname (localhost)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Error
from django.test import override_settings
from wagtail.models import Site

from core.site_url import check_base_url, sync_default_site
from initiatives.hsds import export
from tests.factories import ActivityPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db

BASE = "https://meedoen.example.nl"


@pytest.fixture
def activity(index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    return ActivityPageFactory(parent=initiative, title="Koffie")


@override_settings(WAGTAILADMIN_BASE_URL=BASE + "/")
def test_open_data_json_ld_and_calendars_use_the_base_url(client, activity):
    data = export()
    urls = [s["url"] for s in data["services"]] + [o["website"] for o in data["organizations"]]
    assert urls and all(url.startswith(BASE + "/") for url in urls), urls
    html = client.get(activity.url).content.decode()
    assert f'"url": "{BASE}{activity.url}"' in html
    assert "localhost" not in html
    ical = client.get(f"/activiteiten/{activity.pk}/agenda.ics").content.decode()
    assert f"URL:{BASE}{activity.url}" in ical and "@meedoen.example.nl" in ical


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_the_default_site_follows_the_base_url_and_so_does_the_api(client, activity):
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    sync_default_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("meedoen.example.nl", 443, BASE)
    response = client.get(f"/api/v2/pages/{activity.pk}/")
    assert response.json()["meta"]["html_url"] == BASE + activity.url


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("http://127.0.0.1:8000", False),
        ("https://localhost", False),
        ("http://meedoen.example.nl", False),
        ("", False),
        ("https://meedoen.example.nl", True),
    ],
)
def test_check_deploy_refuses_a_local_or_plain_http_base_url(url, ok):
    with override_settings(WAGTAILADMIN_BASE_URL=url):
        errors = check_base_url(None)
    assert (errors == []) is ok
    assert all(isinstance(e, Error) and e.id == "core.E001" for e in errors)


def test_the_check_runs_with_deploy():
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--settings=marketplace.settings.test"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "core.E001" in result.stderr + result.stdout
