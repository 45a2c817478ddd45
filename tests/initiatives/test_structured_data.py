"""schema.org JSON-LD and Open Graph on the detail pages."""

import datetime as dt
import json
import re

import pytest

from initiatives.models import OpeningHours
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db


def ld(client, page) -> dict:
    html = client.get(page.url).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture
def initiative(index):
    return InitiativePageFactory(
        parent=index, title="Buurthuis De Sleutel", email="info@desleutel.nl", postcode="3317 AB"
    )


def test_activity_is_an_event_with_its_next_date_place_and_organizer(client, initiative):
    activity = ActivityPageFactory(
        parent=initiative, title="Koffieochtend", street="Wielwijkplein", house_number="1"
    )
    data = ld(client, activity)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Koffieochtend" and data["isAccessibleForFree"] is True
    start = dt.datetime.fromisoformat(data["startDate"])
    assert start == activity.next_occurrences(count=1)[0].start
    assert start.weekday() == 1 and start.hour == 10  # Tuesdays 10:00, Amsterdam time
    assert data["location"]["address"]["streetAddress"] == "Wielwijkplein 1"
    assert data["location"]["geo"]["latitude"] == pytest.approx(51.8133)
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Buurthuis De Sleutel",
        "url": initiative.get_full_url(),
    }


def test_paid_activity_has_an_offer(client, initiative):
    activity = ActivityPageFactory(parent=initiative, is_free=False, cost="2.50")
    assert ld(client, activity)["offers"] == {
        "@type": "Offer",
        "price": "2.50",
        "priceCurrency": "EUR",
    }


def test_meeting_place_is_a_place_with_opening_hours(client, initiative):
    place = MeetingPlacePageFactory(parent=initiative, title="Huiskamer")
    OpeningHours.objects.create(page=place, weekday=0, opens=dt.time(9), closes=dt.time(12))
    data = ld(client, place)
    assert data["@type"] == "Place" and data["name"] == "Huiskamer"
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "09:00",
            "closes": "12:00",
        }
    ]


def test_initiative_is_an_organization(client, initiative):
    data = ld(client, initiative)
    assert data["@type"] == "Organization" and data["email"] == "info@desleutel.nl"
    assert data["address"]["postalCode"] == "3317 AB"


def test_vacancy_is_a_volunteer_job_posting(client, initiative):
    vacancy = VacancyPageFactory(parent=initiative, ends_on=dt.date(2027, 6, 30))
    data = ld(client, vacancy)
    assert data["@type"] == "JobPosting" and data["employmentType"] == "VOLUNTEER"
    assert data["validThrough"] == "2027-06-30"
    assert data["hiringOrganization"]["name"] == "Buurthuis De Sleutel"
    assert data["jobLocation"]["@type"] == "Place"
    home = VacancyPageFactory(parent=initiative, from_home=True, location=None)
    assert ld(client, home)["jobLocationType"] == "TELECOMMUTE"


def test_a_title_cannot_end_the_script_early(client, initiative):
    activity = ActivityPageFactory(parent=initiative, title="Koffie </script><b>x</b>")
    html = client.get(activity.url).content.decode()
    assert "</script><b>" not in html
    assert ld(client, activity)["name"] == "Koffie </script><b>x</b>"


def test_open_graph(client, initiative):
    html = client.get(initiative.url).content.decode()
    assert '<meta property="og:title" content="Buurthuis De Sleutel">' in html
    assert '<meta property="og:locale" content="nl_NL">' in html
    assert f'<meta property="og:url" content="{initiative.get_full_url()}">' in html
