"""Three journeys real users make, driven only through the browser.

The data each journey starts from is made with the factories; everything the
user does (typing, ticking, clicking) happens in Chromium against the live
server. Mail goes to Django's in-process outbox (locmem), which the live
server thread shares with the test.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from initiatives.models import ActivityPage, OpeningHours, PostcodeCentroid
from initiatives.permissions import MODERATORS, grant_access
from initiatives.services import initiative_member_add
from search.forms import WEEKDAYS
from tests.factories import (
    USER_PASSWORD,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    UserFactory,
    VacancyPageFactory,
)
from tests.search.conftest import DORDRECHT, LISSE, WIELWIJK
from volunteers.models import Response

# A 1×1 transparent PNG.
BLANK_TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)


def serve_blank_tile(route) -> None:
    route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)


# -- 1. a resident looks for a meeting place that is open today, near home -------
def test_resident_finds_a_place_open_today_nearby_and_opens_it_on_the_map(page, site, index):
    today = timezone.localdate().weekday()
    tomorrow = (today + 1) % 7
    PostcodeCentroid.objects.create(postcode="3317", point=WIELWIJK, town="Dordrecht")
    dordt = InitiativePageFactory(parent=index, title="Buurthuis De Sleutel", location=WIELWIJK)
    lisse = InitiativePageFactory(parent=index, title="Stichting Samen Lisse", location=LISSE)

    def place(parent, title, location, weekday):
        place = MeetingPlacePageFactory(parent=parent, title=title, location=location)
        OpeningHours.objects.create(
            page=place, weekday=weekday, opens=dt.time(9), closes=dt.time(17)
        )
        place.save()  # the hours were added after the page: index them
        return place

    open_near = place(dordt, "Huiskamer van de wijk", WIELWIJK, today)
    closed_near = place(dordt, "Buurtkamer Centrum", DORDRECHT, tomorrow)
    open_far = place(lisse, "Inloophuis Lisse", LISSE, today)

    # A tile server that answers (a blank tile): without tiles the map gives
    # way to a line of text (tests/e2e/test_mobile.py).
    page.route(re.compile(r"^https://tile\.openstreetmap\.org/"), serve_blank_tile)

    # Everything near the postcode first: both places in Dordrecht, not Lisse.
    page.goto(site + "/")
    page.get_by_role("link", name="Zoeken", exact=True).first.click()
    page.get_by_role("combobox", name="Waar?").fill("3317")  # with its suggestions
    page.get_by_label("Hoe ver (km)").fill("10")
    page.get_by_role("checkbox", name="Ontmoetingsplekken").check()
    page.get_by_role("button", name="Zoek", exact=True).first.click()

    listed = page.locator(".search-results")
    expect(page.get_by_role("heading", level=2, name=re.compile("2 resultaten"))).to_be_visible()
    expect(page.get_by_text("binnen 10 km van 3317")).to_be_visible()
    expect(listed.get_by_role("link", name=open_near.title)).to_be_visible()
    expect(listed.get_by_role("link", name=closed_near.title)).to_be_visible()
    expect(listed.get_by_role("link", name=open_far.title)).to_have_count(0)

    # Then only what is open today: the place that opens tomorrow drops out.
    page.get_by_text("Meer filters").click()
    page.get_by_label("Open op").select_option(label=str(dict(WEEKDAYS)[str(today)]))
    page.get_by_role("button", name="Zoek", exact=True).first.click()

    expect(page.get_by_role("heading", level=2, name=re.compile("1 resultaat"))).to_be_visible()
    expect(page.get_by_text("binnen 10 km van 3317")).to_be_visible()
    expect(listed.get_by_role("link", name=open_near.title)).to_be_visible()
    expect(listed.get_by_role("link", name=closed_near.title)).to_have_count(0)
    expect(listed.get_by_role("link", name=open_far.title)).to_have_count(0)

    # The map (Leaflet, drawn by map.js) has a marker for it; its popup links
    # to the meeting place's own page.
    map_region = page.get_by_role("region", name="Kaart met de resultaten op deze pagina")
    expect(map_region).to_be_visible()
    marker = map_region.get_by_role("button", name=open_near.title)
    expect(marker).to_be_visible()
    marker.click()
    popup = map_region.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    popup.get_by_role("link", name=open_near.title).click()

    expect(page).to_have_url(site + open_near.url)
    expect(page.get_by_role("heading", level=1, name=open_near.title)).to_be_visible()


# -- 2. a volunteer signs up and says "ik wil helpen" ------------------------------
def test_volunteer_signs_up_confirms_and_responds_to_a_vacancy(page, site, index, mailoutbox):
    initiative = InitiativePageFactory(
        parent=index, title="Buurthuis De Sleutel", email="contact@desleutel.nl"
    )
    vacancy = VacancyPageFactory(parent=initiative, title="Gastvrouw of gastheer koffieochtend")
    email, password = "sanne@example.nl", "Zonnebloem-en-koffie-7"

    page.goto(site + "/")
    page.get_by_role("link", name="Account aanmaken").first.click()
    expect(page.get_by_role("heading", level=1, name="Account aanmaken")).to_be_visible()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label(re.compile(r"^\s*Wachtwoord(?! \(bevestigen)")).fill(password)
    page.get_by_label("Wachtwoord (bevestigen)").fill(password)
    page.get_by_label("Ik ga akkoord met de privacyverklaring").check()
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page).to_have_url(re.compile(r"/account/confirm-email/$"))

    # Follow the link in the confirmation mail; confirming takes a click, and
    # in this browser it also logs in.
    (confirmation,) = [m for m in mailoutbox if email in m.to]
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", confirmation.body).group(0)
    page.goto(link)
    page.get_by_role("button", name=re.compile("Bevestig", re.I)).click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(page.get_by_text(email).first).to_be_visible()

    page.get_by_role("link", name="Vrijwilligerswerk", exact=True).first.click()
    page.get_by_role("link", name=vacancy.title).click()
    expect(page.get_by_role("heading", level=1, name=vacancy.title)).to_be_visible()
    page.get_by_label("Je bericht").fill("Ik zet graag koffie, op dinsdag kan ik altijd.")
    sent_before = len(mailoutbox)
    page.get_by_role("button", name="Ik wil helpen").click()

    expect(page.get_by_role("heading", level=1, name="Mijn reacties")).to_be_visible()
    expect(page.get_by_text("Bedankt! Je reactie is verstuurd.")).to_be_visible()
    # Under "Vrijwilligerswerk", beside the help offered (issue 16).
    work = page.get_by_role("region", name="Vrijwilligerswerk")
    mine = page.get_by_role("heading", level=3, name=vacancy.title)
    expect(work.get_by_role("heading", level=3, name=vacancy.title)).to_be_visible()
    expect(work.locator(".response").filter(has=mine)).to_contain_text("Nieuw")
    assert Response.objects.filter(volunteer__email=email, vacancy=vacancy).count() == 1
    to_contact = [m for m in mailoutbox[sent_before:] if "contact@desleutel.nl" in m.to]
    assert len(to_contact) == 1
    assert vacancy.title in to_contact[0].subject + to_contact[0].body


# -- 3. an editor adds an activity, a moderator approves it, a visitor finds it ----
def admin_login(page, site, user):
    # One login door (docs/accounts.md): the admin sends editors to the site's
    # login, where they type their email address, and then back to the admin.
    page.goto(site + "/admin/")
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/admin/$"))
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill(USER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def field(page, label):
    """A text field in Wagtail's editor by its label (a '*' marks a required one)."""
    return page.get_by_role("textbox", name=re.compile(rf"^\s*{re.escape(label)}\s*\*?$"))


def next_person(page):
    """Someone else at the same browser: no session left over."""
    page.context.clear_cookies()


def test_editor_adds_activity_moderator_approves_visitor_finds_it(page, site, index):
    PostcodeCentroid.objects.create(postcode="3317", point=WIELWIJK, town="Dordrecht")
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk", location=WIELWIJK)
    grant_access(initiative)
    editor = UserFactory(username="editor@wielwijk.nl", email="editor@wielwijk.nl")
    initiative_member_add(user=editor, initiative=initiative)
    moderator = UserFactory(username="moderator@gemeente.nl", email="moderator@gemeente.nl")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    title = "Taalcafé Wielwijk"

    # The editor adds the activity under their initiative and submits it.
    admin_login(page, site, editor)
    page.goto(f"{site}/admin/pages/{initiative.pk}/")
    page.get_by_role("link", name="Voeg onderliggende pagina toe").first.click()
    page.get_by_role("link", name=re.compile(r"^\s*activiteit\s*$", re.I)).click()
    field(page, "Titel").fill(title)
    field(page, "Korte omschrijving").fill("Nederlands oefenen met buren, bij een kop koffie.")
    # Wagtail's date and time pickers open on focus and close on a click
    # elsewhere, as with a mouse.
    field(page, "(eerste) datum").fill(
        (timezone.localdate() + dt.timedelta(days=7)).strftime("%Y-%m-%d")
    )
    field(page, "Begintijd").fill("10:00")
    field(page, "Eindtijd").fill("12:00")
    field(page, "Postcode").click()
    field(page, "Postcode").fill("3317")
    field(page, "Plaats").fill("Dordrecht")
    # The editor may not publish: submitting is the main button, not under
    # "Meer acties".
    page.get_by_role("button", name="Insturen ter goedkeuring").click()

    expect(page.locator(".messages")).to_contain_text(title)
    activity = ActivityPage.objects.get(title=title)
    assert not activity.live
    assert activity.current_workflow_state is not None

    # The moderator approves it, starting from the dashboard.
    next_person(page)
    admin_login(page, site, moderator)
    review = page.get_by_role("region", name=re.compile("In afwachting van jouw beoordeling"))
    review.get_by_role("link", name=title).first.click()
    page.locator("footer [data-w-dropdown-target=toggle]").click()
    page.get_by_role("button", name="Goedkeuren en publiceren", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(title)
    activity.refresh_from_db()
    assert activity.live

    # An anonymous visitor searches and finds it.
    next_person(page)
    page.goto(site + "/")
    search = page.get_by_role("search").first
    # With JavaScript the search field is a combobox with suggestions.
    search.get_by_role("combobox", name="Wat zoek je?").fill("taalcafe")
    search.get_by_role("button", name="Zoek").click()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=taalcafe"))
    page.locator(".search-results").get_by_role("link", name=title).click()
    expect(page).to_have_url(site + activity.url)
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
