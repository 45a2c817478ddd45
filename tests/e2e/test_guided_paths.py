"""The guided ways in of issue 16, by role, through the browser and by
label: a resident asks for help (on a phone), a volunteer reads why work
suits them and what to mind, and finds their responses and data."""

from __future__ import annotations

import re

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect
from wagtail.models import Site

from helprequests.models import HelpRequest, HelpRequestStatus
from initiatives.models import PostcodeCentroid
from organisation.models import OrganisationSettings
from tests.e2e.conftest import LOCAL
from tests.e2e.test_accessibility import log_in
from tests.factories import (
    HelpOfferFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    ResponseFactory,
    ThemeFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from tests.search.conftest import WIELWIJK
from volunteers.models import ResponseStatus

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone_page(browser, site):
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    context.route(
        "**/*",
        lambda route: route.continue_() if LOCAL.match(route.request.url) else route.abort(),
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def open_menu(page) -> None:
    """On a phone the menu is behind "Menu"."""
    menu = page.locator("details.menu")
    if menu.count() and not menu.evaluate("d => d.open"):
        page.get_by_text("Menu", exact=True).click()


def test_resident_learns_what_happens_signs_up_and_manages_the_request(
    phone_page, site, mailoutbox
):
    page = phone_page
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    org.name, org.phone = "Gemeente Dordrecht", "14 078"
    org.save()
    PostcodeCentroid.objects.create(postcode="3317 AB", point=WIELWIJK, town="Dordrecht")
    email, password = "ans@example.nl", "Zonnebloem-en-thee-8"

    page.goto(site + "/hulpvragen/")
    page.get_by_role("link", name="Zelf hulp vragen").click()
    # Before any login: what happens, who sees what, and the phone as the other way.
    expect(page.get_by_role("heading", level=1, name="Hulp vragen")).to_be_visible()
    expect(page.get_by_role("heading", name="Zo gaat het")).to_be_visible()
    expect(page.get_by_role("heading", name="Wie ziet wat")).to_be_visible()
    expect(page.get_by_role("link", name="14 078")).to_have_attribute("href", "tel:14078")

    page.get_by_role("link", name="Account aanmaken").last.click()
    expect(page.get_by_text("Om hulp te vragen heb je een account nodig")).to_be_visible()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label(re.compile(r"^\s*Wachtwoord(?! \(bevestigen)")).fill(password)
    page.get_by_label("Wachtwoord (bevestigen)").fill(password)
    page.get_by_label("Ik ga akkoord met de privacyverklaring").check()
    page.get_by_role("button", name="Account aanmaken").click()
    (confirmation,) = [m for m in mailoutbox if email in m.to]
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", confirmation.body).group(0)
    page.goto(link)
    page.get_by_role("button", name=re.compile("Bevestig", re.I)).click()

    page.goto(site + "/hulpvragen/nieuw/")
    page.get_by_label("vervoer").check()
    page.get_by_label("Vat je vraag kort samen").fill("Rit naar de huisarts")
    page.get_by_label("Vertel wat er nodig is").fill("Wie rijdt donderdag mee?")
    page.get_by_label("Postcode waar de hulp nodig is").fill("3317 AB")
    page.get_by_label(re.compile("hulp voor iemand anders", re.I)).check()
    page.get_by_role("button", name="Verstuur mijn hulpvraag").click()
    # For someone else, but not for whom: said at the field, nothing lost.
    expect(page.get_by_label("Voor wie vraag je hulp?")).to_have_accessible_description(
        re.compile("Vul in voor wie je hulp vraagt")
    )
    expect(page.get_by_label("Vat je vraag kort samen")).to_have_value("Rit naar de huisarts")
    page.get_by_label("Voor wie vraag je hulp?").fill("mijn vader")
    page.get_by_role("button", name="Verstuur mijn hulpvraag").click()

    expect(page.get_by_role("heading", level=1, name="Mijn hulpvragen")).to_be_visible()
    help_request = HelpRequest.objects.get(requester__email=email)
    assert help_request.on_behalf_of == "mijn vader"
    # Approved meanwhile; then found through the menu and paused.
    help_request.status, help_request.published_at = (
        HelpRequestStatus.PUBLISHED,
        help_request.created_at,
    )
    help_request.save()
    page.goto(site + "/")
    open_menu(page)
    page.get_by_role("navigation", name="Account").get_by_role(
        "link", name="Mijn hulpvragen"
    ).click()
    item = page.locator(".response").filter(has_text="Rit naar de huisarts")
    expect(item).to_contain_text("Gepubliceerd")
    item.get_by_role("button", name=re.compile("^Pauzeren")).click()
    expect(page.get_by_text("is gepauzeerd")).to_be_visible()
    expect(page.locator(".response").filter(has_text="Rit naar de huisarts")).to_contain_text(
        "Gepauzeerd"
    )
    page.locator(".response").filter(has_text="Rit naar de huisarts").get_by_role(
        "button", name=re.compile("^Hulp is gevonden")
    ).click()
    expect(page.get_by_text("Fijn dat er hulp is gevonden")).to_be_visible()
    help_request.refresh_from_db()
    assert help_request.status == HelpRequestStatus.MATCHED


def test_volunteer_sees_why_and_what_to_mind_and_finds_responses_and_data(page, site, index):
    home = Point(4.6901, 51.8133, srid=4326)
    culture = ThemeFactory(name="Cultuur", slug="cultuur")
    volunteer = UserFactory()
    profile = VolunteerProfileFactory(
        user=volunteer, location=home, travel_km=10, availability=["tue-afternoon"]
    )
    profile.themes.set([culture])
    initiative = InitiativePageFactory(
        parent=index,
        title="Buurthuis De Sleutel",
        contact_name="Mieke de Graaf",
        phone="078 123 45 67",
        email="sleutel@example.nl",
    )

    def vacancy(title, km, **kwargs):
        page_ = VacancyPageFactory(
            parent=initiative,
            title=title,
            location=Point(home.x, home.y + km / 111.2, srid=4326),
            days=[1],
            parts_of_day=["afternoon"],
            **kwargs,
        )
        page_.themes.set([culture])
        page_.save_revision().publish()
        return page_

    vacancy("Verder weg", 4.8)
    vacancy("Om de hoek", 0.0, vog_required=True)
    contacted = VacancyPageFactory(parent=initiative, title="Gastvrouw koffieochtend")
    ResponseFactory(volunteer=volunteer, vacancy=contacted, status=ResponseStatus.IN_CONTACT)
    HelpOfferFactory(
        volunteer=volunteer, help_request=HelpRequestFactory(title="Boodschappen op dinsdag")
    )
    log_in(page, site, volunteer)

    page.goto(site + "/")
    page.get_by_role("link", name="Voor jou").click()
    cards = page.locator(".response")
    # The one next door first among equal fits, although it asks for a VOG.
    expect(cards.first.get_by_role("heading")).to_have_text("Om de hoek")
    expect(cards.first.get_by_text("Waarom dit bij je past:")).to_be_visible()
    warning = cards.first.locator(".match__warnings")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Let op:")
    expect(warning).to_contain_text("VOG nodig")
    expect(cards.first.locator(".match__reasons")).not_to_contain_text("VOG")

    page.get_by_role("link", name="Mijn reacties").click()
    work = page.get_by_role("region", name="Vrijwilligerswerk")
    response = work.locator(".response").filter(has_text="Gastvrouw koffieochtend")
    expect(response).to_contain_text("Buurthuis De Sleutel")
    expect(response.get_by_role("link", name="078 123 45 67")).to_be_visible()
    offered = page.get_by_role("region", name="Hulp aangeboden")
    expect(offered.get_by_text("Boodschappen op dinsdag")).to_be_visible()
    expect(offered).to_contain_text("Aangeboden")

    page.get_by_role("link", name="Mijn gegevens").click()
    page.get_by_role("link", name="Bekijk mijn gegevens").click()
    expect(page.get_by_role("heading", level=1, name="Wat we van je bewaren")).to_be_visible()
    expect(page.get_by_text("dinsdagmiddag")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("tue-afternoon")
