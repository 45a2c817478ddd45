"""/sitemap.xml (a paged sitemap index of public pages) and /robots.txt."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from initiatives import sitemap_views
from tests.factories import ActivityPageFactory, InitiativePageFactory, VacancyPageFactory

pytestmark = pytest.mark.django_db


def _locs(response) -> list[str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


@pytest.fixture
def pages(index):
    public = InitiativePageFactory(parent=index, title="Open huis")
    ActivityPageFactory(parent=public, title="Koffie").save_revision().publish()
    VacancyPageFactory(parent=public, title="Gastvrouw")
    hidden = InitiativePageFactory(parent=index, title="Besloten kring")
    ActivityPageFactory(parent=hidden, title="Besloten activiteit")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    secret = InitiativePageFactory(parent=index, title="Met wachtwoord")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    draft = ActivityPageFactory(parent=public, title="Concept")
    draft.unpublish()
    return public


def _all_urls(client) -> list[str]:
    urls = []
    for section in _locs(client.get("/sitemap.xml")):
        urls += _locs(client.get(section.removeprefix(settings.WAGTAILADMIN_BASE_URL)))
    return urls


def test_only_public_live_pages_with_lastmod(client, pages):
    urls = _all_urls(client)
    base = settings.WAGTAILADMIN_BASE_URL
    assert f"{base}/initiatieven/open-huis/" in urls
    assert f"{base}/initiatieven/open-huis/koffie/" in urls
    assert f"{base}/initiatieven/open-huis/gastvrouw/" in urls
    assert f"{base}/" in urls
    text = " ".join(urls)
    for private in ("besloten", "met-wachtwoord", "concept", "hulpvragen"):
        assert private not in text
    section = client.get("/sitemap-1.xml").content.decode()
    assert re.search(r"<lastmod>\d{4}-\d\d-\d\d</lastmod>", section)


def test_sections_page_and_queries_stay_the_same(client, pages, index, monkeypatch):
    monkeypatch.setattr(sitemap_views, "SECTION_SIZE", 2)
    sections = _locs(client.get("/sitemap.xml"))
    assert len(sections) >= 3
    urls = _all_urls(client)
    assert len(urls) == len(set(urls))
    assert client.get(f"/sitemap-{len(sections) + 1}.xml").status_code == 404
    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap-2.xml", HTTP_X_A="1")
    monkeypatch.setattr(sitemap_views, "SECTION_SIZE", 50)
    for n in range(10):
        ActivityPageFactory(parent=pages, title=f"Meer {n}")
    with CaptureQueriesContext(connection) as many:
        client.get("/sitemap-1.xml")
    assert len(many) <= len(few)


def test_not_modified_until_something_is_published(client, pages):
    etag = client.get("/sitemap.xml")["ETag"]
    assert client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=etag).status_code == 304
    ActivityPageFactory(parent=pages, title="Nieuw").save_revision().publish()
    assert client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_private_paths(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {settings.WAGTAILADMIN_BASE_URL}/sitemap.xml" in text
    for path in ("/admin/", "/account/", "/django-admin/", "/inbox/", "/api/"):
        assert f"Disallow: {path}\n" in text
