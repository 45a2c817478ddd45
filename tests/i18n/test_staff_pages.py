"""The staff pages in the Wagtail admin (the municipality's overview, the
audit log, the background jobs) follow the language the staff member chose
on the site, although /admin/ has no language prefix; their downloads stay
Dutch (docs/languages.md, "The staff pages")."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from accounts.models import LanguagePreference
from audit.models import AccessAction, AccessObject, AccessRole
from audit.services import record_access
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
OVERVIEW, AUDIT, JOBS = "/admin/overzicht/", "/admin/verwerkingen/", "/admin/achtergrondtaken/"
DEMAND_CSV, FIRST_REPLY_CSV = (
    "/admin/overzicht/zoekvragen.csv",
    "/admin/overzicht/eerste-reactie.csv",
)

# Per page: Dutch interface text it shows, and its English translation.
PAGES = {
    OVERVIEW: [
        ("Overzicht per wijk en thema", "Overview per neighbourhood and theme"),
        ("Alle cijfers", "All figures"),
        ("Tijd tot een eerste reactie", "Time to a first reply"),
        ("Klopt het aanbod nog?", "Is the offer still up to date?"),
        ("Waar zoeken inwoners naar en vinden ze niets?", "What do residents search for"),
        ("Laatste 30 dagen", "Last 30 days"),
    ],
    f"{OVERVIEW}?per=thema": [
        ("Aanbod per thema", "Offer per theme"),
        ("(geen thema)", "(no theme)"),
    ],
    AUDIT: [
        ("Inzage in verwerkingen", "Processing of personal data"),
        ("Soort gegevens", "Kind of data"),
        ("Hulpvraag", "Request for help"),
        ("Bekeken", "Viewed"),
    ],
    JOBS: [
        ("Achtergrondtaken", "Background jobs"),
        ("Geen worker gezien in het laatste uur.", "No worker seen in the last hour."),
        ("Nog nooit gestart", "Never started yet"),
        ("elke 5 minuten", "every 5 minutes"),
    ],
}
# Words that only Dutch interface text has; the page's own content marked
# lang="nl" (an audit event's purpose) and its scripts are left out first.
DUTCH = re.compile(
    r"(?<![\w-])(het|een|van|niet|geen|voor|wijk|gemeente|gemeenten|taak|"
    r"verwerking|verwerkingen|zoekvraag|zoekvragen|toon|totaal|periode|altijd|nog)(?![\w-])",
    re.I,
)
NL_PART = re.compile(r"<(\w+)[^>]*\blang=\"nl\"[^>]*>.*?</\1>", re.S)
SCRIPT = re.compile(r"<(script|style|template)\b.*?</\1>", re.S | re.I)


def main_text(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    main = NL_PART.sub(" ", SCRIPT.sub(" ", main))
    return re.sub(r"<[^>]+>", " ", main)


def html_tag(html: str) -> str:
    return re.search(r"<html[^>]*>", html).group(0)


@pytest.fixture
def staff(home):
    user = UserFactory(is_superuser=True, is_staff=True)
    record_access(
        actor=user,
        action=AccessAction.VIEW,
        obj_type=AccessObject.HELP_REQUEST,
        obj_id=7,
        role=AccessRole.ADMIN,
        purpose="Hulpvraag beoordelen",
    )
    return user


def chose(user, language: str) -> None:
    LanguagePreference.objects.update_or_create(user=user, defaults={"language": language})


@pytest.mark.parametrize("url", list(PAGES))
def test_a_staff_page_is_in_english_for_a_staff_member_who_chose_english(client, staff, url):
    chose(staff, "en")
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html_tag(html) and 'dir="ltr"' in html_tag(html)
    assert response["Content-Language"] == "en"
    for dutch, english in PAGES[url]:
        assert english in html, english
        assert dutch not in main_text(html), dutch
    left = sorted({m.group(0) for m in DUTCH.finditer(main_text(html))})
    assert not left, left


@pytest.mark.parametrize("url", list(PAGES))
def test_a_staff_page_is_in_arabic_right_to_left(client, staff, url):
    chose(staff, "ar")
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="ar"' in html_tag(html) and 'dir="rtl"' in html_tag(html)
    for dutch, _english in PAGES[url]:
        assert dutch not in main_text(html), dutch
    left = sorted({m.group(0) for m in DUTCH.finditer(main_text(html))})
    assert not left, left
    assert re.search(r"[\u0600-\u06ff]", main_text(html))


def test_the_audit_purpose_stays_dutch_and_says_so(client, staff):
    chose(staff, "en")
    client.force_login(staff)
    html = client.get(AUDIT).content.decode()
    assert '<td lang="nl">Hulpvraag beoordelen</td>' in html


def test_the_cookie_chosen_on_this_device_wins_over_the_account(client, staff):
    chose(staff, "ar")
    client.force_login(staff)
    client.cookies[COOKIE] = "uk"
    html = client.get(JOBS).content.decode()
    assert 'lang="uk"' in html_tag(html) and "Фонові завдання" in html


def test_without_a_choice_the_staff_pages_stay_dutch(client, staff):
    client.force_login(staff)
    html = client.get(JOBS).content.decode()
    assert 'lang="nl"' in html_tag(html) and "Achtergrondtaken" in html


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (OVERVIEW, ["Overzicht per wijk en thema", "alleen voor moderatoren"]),
        (AUDIT, ["Inzage in verwerkingen", "alleen voor beheerders"]),
        (JOBS, ["Achtergrondtaken", "alleen voor beheerders"]),
    ],
)
def test_the_refusal_is_in_the_chosen_language_too(client, home, url, words):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    chose(user, "en")
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "No access" in html and 'lang="en"' in html_tag(html)
    for dutch in words:
        assert dutch not in main_text(html)


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_downloads_stay_dutch_whatever_the_readers_language(client, staff, language):
    """Records: the same Dutch columns as last month's file, for the account's
    choice and for the cookie alike."""
    chose(staff, language)
    client.force_login(staff)
    overview = client.get(OVERVIEW, {"format": "csv", "periode": "30"})
    assert rows(overview)[0][:3] == ["Gemeente", "Wijk", "Initiatieven"]
    assert "de-laatste-30-dagen" in overview["Content-Disposition"]
    assert overview["Content-Language"] == "nl"
    by_theme = client.get(OVERVIEW, {"format": "csv", "per": "thema"})
    assert rows(by_theme)[0][0] == "Thema" and "Open hulpvragen" in rows(by_theme)[0]
    first_reply = client.get(FIRST_REPLY_CSV)
    assert rows(first_reply)[0][:3] == ["Gemeente", "Wijk", "Soort"]
    demand = client.get(DEMAND_CSV)
    assert rows(demand)[0][:4] == ["Periode", "Gemeente", "Wijk", "Zoekvraag"]
    assert rows(demand)[1][:2] == ["alle weken", "alle gemeenten"]
    client.cookies[COOKIE] = language
    audit = client.get(AUDIT, {"format": "csv"})
    assert rows(audit)[0][:4] == ["Tijdstip (UTC)", "Account", "Rol", "Handeling"]
    assert audit["Content-Language"] == "nl"


def test_the_staff_pages_have_no_en_address(client, staff):
    """The staff pages have no /en/ address: asking for one is a 404, not an
    English file."""
    client.force_login(staff)
    assert client.get(f"/en{OVERVIEW}", {"format": "csv"}).status_code == 404
