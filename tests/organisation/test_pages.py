"""The public-service pages (contact, colofon, toegankelijkheid, privacy) show
what the municipality filled in under Instellingen → Organisatie, say plainly
what it left empty, and every page's footer links to them."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from wagtail.models import Site

from organisation.demo import DEMO_VALUES, load_demo_settings
from organisation.models import AccessibilityStatus, OrganisationSettings

pytestmark = pytest.mark.django_db

PAGES = ["/contact/", "/colofon/", "/toegankelijkheid/", "/privacy/"]


@pytest.fixture
def org(home) -> OrganisationSettings:
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in {
        "name": "Gemeente Zwijndrecht",
        "postal_address": "Postbus 15\n3330 AA Zwijndrecht",
        "visiting_address": "Bakestein 1\n3331 LM Zwijndrecht",
        "phone": "078 770 39 11",
        "email": "info@gemeente.example",
        "website": "https://gemeente.example",
        "kvk_number": "12345678",
        "oin": "00000001234567890000",
        "dpo_name": "Fenna de Vries",
        "dpo_email": "fg@gemeente.example",
        "accessibility_status": AccessibilityStatus.C,
        "accessibility_statement_date": dt.date(2026, 3, 9),
        "accessibility_research_date": dt.date(2026, 2, 16),
        "accessibility_research_method": "Onderzoek door Bureau Drempelloos volgens WCAG-EM.",
        "accessibility_report_url": "https://gemeente.example/rapport.pdf",
        "accessibility_known_issues": "De kaart werkt niet met een toetsenbord.\n\n"
        "Sommige pdf's hebben geen koppen.",
        "accessibility_register_url": "https://www.toegankelijkheidsverklaring.nl/register/1",
        "retention_other": "Back-ups bewaren we 30 dagen.",
    }.items():
        setattr(org, name, value)
    org.full_clean()
    org.save()
    return org


def text(response) -> str:
    """The page's visible text in <main>, whitespace collapsed."""
    body = response.content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_contact_shows_the_settings(client, org):
    response = client.get("/contact/")
    assert response.status_code == 200
    page = text(response)
    for value in ("Gemeente Zwijndrecht", "Bakestein 1", "Postbus 15", "078 770 39 11"):
        assert value in page
    body = response.content.decode()
    assert 'href="mailto:info@gemeente.example"' in body
    assert 'href="tel:0787703911"' in body
    assert "Nog niet ingevuld" not in page


def test_colofon_shows_the_publisher_and_the_optional_numbers(client, org):
    response = client.get("/colofon/")
    assert response.status_code == 200
    page = text(response)
    for value in ("Gemeente Zwijndrecht", "Postbus 15", "12345678", "00000001234567890000"):
        assert value in page
    assert "OpenStreetMap" in page  # where the map comes from


def test_accessibility_statement_follows_the_model(client, org):
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 200
    page = text(response)
    assert "Gemeente Zwijndrecht wil dat iedereen" in page
    assert "Status: C – eerste maatregelen genomen" in page
    assert "WCAG 2.1" in page
    assert "16 februari 2026" in page  # research date
    assert "opgesteld op 9 maart 2026" in page
    assert "Bureau Drempelloos" in page
    body = response.content.decode()
    # Each known problem its own list item.
    assert '<li lang="nl">De kaart werkt niet met een toetsenbord.</li>' in body
    assert '<li lang="nl">Sommige pdf&#x27;s hebben geen koppen.</li>' in body
    assert 'href="mailto:info@gemeente.example"' in body  # feedback
    assert "nationaleombudsman.nl" in body  # where to complain next
    assert 'href="https://www.toegankelijkheidsverklaring.nl/register/1"' in body
    assert 'href="https://gemeente.example/rapport.pdf"' in body


def test_privacy_names_controller_dpo_retention_and_the_authority(client, org):
    response = client.get("/privacy/")
    assert response.status_code == 200
    page = text(response)
    assert "Gemeente Zwijndrecht is verantwoordelijk" in page
    assert "Fenna de Vries" in page
    assert 'href="mailto:fg@gemeente.example"' in response.content.decode()
    assert "Autoriteit Persoonsgegevens" in page
    assert 'href="https://autoriteitpersoonsgegevens.nl"' in response.content.decode()
    assert "Back-ups bewaren we 30 dagen." in page


@override_settings(
    HELP_REQUEST_ARCHIVE_WEEKS=3,
    REGISTRATION_CONFIRM_DAYS=5,
    SEARCH_DEMAND_RETENTION_WEEKS=26,
    SESSION_COOKIE_AGE=7 * 86400,
)
def test_privacy_retention_is_what_the_site_does(client, home):
    """The periods come from the settings the cron commands and cookies use:
    change one and the statement changes with it."""
    page = text(client.get("/privacy/"))
    assert "hoogstens 3 weken online" in page  # archive_help_requests
    assert "niet binnen 5 dagen" in page  # delete_unconfirmed_registrations
    assert "26 weken. Daarna verwijderen we ze" in page  # purge_search_demand
    assert "Hoogstens 7 dagen" in page  # the login cookie


def test_privacy_retention_defaults(client, home):
    page = text(client.get("/privacy/"))
    assert "hoogstens 8 weken online" in page
    assert "niet binnen 7 dagen" in page
    assert "52 weken" in page
    assert "Hoogstens 14 dagen" in page


def test_empty_settings_are_said_plainly(client, home):
    """A new site has no organisation yet: each page says what is missing,
    never an empty line or a link to nowhere."""
    OrganisationSettings.objects.all().delete()
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert 'href="mailto:"' not in body, url
        assert 'href="tel:"' not in body, url
        assert 'href=""' not in body, url
        assert not re.search(r"<dd>\s*</dd>", body), url
    assert "Nog niet ingevuld." in text(client.get("/contact/"))
    assert "nog geen e-mailadres of telefoonnummer" in text(client.get("/toegankelijkheid/"))
    assert "status van deze website nog niet ingevuld" in text(client.get("/toegankelijkheid/"))
    assert "datum van deze verklaring is nog niet ingevuld" in text(
        client.get("/toegankelijkheid/")
    )
    privacy = text(client.get("/privacy/"))
    assert "nog niet ingevuld wie verantwoordelijk is" in privacy
    assert "functionaris gegevensbescherming nog niet ingevuld" in privacy
    # The right to complain does not depend on any setting.
    assert "Autoriteit Persoonsgegevens" in privacy
    # KvK and OIN are optional: left out, not reported missing.
    assert "KvK" not in text(client.get("/colofon/"))


def test_pages_work_without_any_wagtail_site(client, home):
    Site.objects.update(is_default_site=False, hostname="elders.example")
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Nog niet ingevuld" in response.content.decode() or url == "/privacy/"


@pytest.mark.parametrize("url", ["/", "/activiteiten/", "/contact/", "/bestaat-niet/"])
def test_every_footer_links_the_public_service_pages(client, home, url):
    body = client.get(url).content.decode()
    footer = body[body.index('<footer class="site-footer') :]
    for href in ("/contact/", "/privacy/", "/toegankelijkheid/", "/colofon/"):
        assert f'href="{href}"' in footer, (url, href)
    # The page you are on is marked in the footer, as in the main menu.
    assert ('aria-current="page">Contact<' in footer) == (url == "/contact/")


def test_demo_fills_only_what_is_empty(home):
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    org.email = "eigen@gemeente.example"
    org.save()
    assert load_demo_settings(today=dt.date(2026, 12, 2)) is True
    org.refresh_from_db()
    assert org.email == "eigen@gemeente.example"  # what the municipality wrote stays
    assert org.name == DEMO_VALUES["name"]
    assert org.accessibility_statement_date == dt.date(2026, 12, 2)
    assert org.dpo_email.endswith(".example")  # no real address in a demo
    assert load_demo_settings(today=dt.date(2026, 12, 3)) is False  # safe to re-run


def test_settings_are_edited_in_the_wagtail_admin(admin_client, home):
    site = Site.objects.get(is_default_site=True)
    response = admin_client.get(f"/admin/settings/organisation/organisationsettings/{site.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "functionaris gegevensbescherming" in body.lower()
    assert "Status toegankelijkheid" in body


@pytest.mark.parametrize("url", PAGES)
def test_a_changed_setting_is_visible_on_the_next_request(settings, org, url):
    """The anonymous page cache (core/pagecache.py) keeps these pages; saving
    the settings bumps the content version, so no visitor waits for the
    timeout to see a corrected address or a new DPO."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_HEADER = True
    visitor = Client()
    visitor.get(url)
    assert Client().get(url)["X-Cache"] == "hit"
    org.name = "Gemeente Hendrik-Ido-Ambacht"
    org.save()
    response = Client().get(url)
    assert response["X-Cache"] == "miss"
    assert "Gemeente Hendrik-Ido-Ambacht" in response.content.decode()


def test_known_issues_are_split_on_blank_lines_as_the_admin_sends_them():
    org = OrganisationSettings(accessibility_known_issues="Eén.\r\nNog een regel.\r\n\r\n\r\nTwee.")
    assert org.known_issues == ["Eén.\nNog een regel.", "Twee."]
    assert OrganisationSettings().known_issues == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("kvk_number", "1234567"), ("kvk_number", "1234567a"), ("oin", "123"), ("email", "geen")],
)
def test_numbers_and_addresses_are_checked(home, field, value):
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    setattr(org, field, value)
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert field in error.value.message_dict


def test_every_register_status_is_explained():
    for status in AccessibilityStatus:
        assert OrganisationSettings(accessibility_status=status).status_explanation
    assert OrganisationSettings().status_explanation == ""


def test_a_municipality_fills_in_the_settings_in_the_admin(admin_client, client, home):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/organisation/organisationsettings/{site.pk}/"
    fields = {name: "" for name in _form_fields()}
    fields.update(
        name="Gemeente Papendrecht",
        email="info@papendrecht.example",
        dpo_name="Sam de Wit",
        accessibility_status="A",
        accessibility_statement_date="2026-11-30",
    )
    response = admin_client.post(url, fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Gemeente Papendrecht" in text(client.get("/contact/"))
    assert "Sam de Wit" in text(client.get("/privacy/"))
    page = text(client.get("/toegankelijkheid/"))
    assert "Status: A – voldoet volledig" in page
    assert "opgesteld op 30 november 2026" in page


def _form_fields() -> list[str]:
    return [
        f.name
        for f in OrganisationSettings._meta.get_fields()
        if getattr(f, "editable", False) and f.name not in ("id", "site")
    ]
