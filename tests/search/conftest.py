"""A small hand-made corpus with known answers, for contract and relevance tests."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.utils import timezone

from initiatives.models import OpeningHours, PostcodeCentroid
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    ThemeFactory,
    VacancyPageFactory,
)

DORDRECHT = Point(4.6901, 51.8133, srid=4326)
WIELWIJK = Point(4.6560, 51.8070, srid=4326)  # ~2.5 km west
LISSE = Point(4.5570, 52.2580, srid=4326)  # ~50 km north


@pytest.fixture
def corpus(index):
    """Listings whose ranking we can reason about. Returns them by a short key."""
    today = timezone.localdate()
    walking = ThemeFactory(name="Gezondheid en bewegen", slug="gezondheid-en-bewegen")
    lonely = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    carers = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    PostcodeCentroid.objects.create(postcode="3317", point=WIELWIJK, town="Dordrecht")
    PostcodeCentroid.objects.create(postcode="2161", point=LISSE, town="Lisse")

    dordt = InitiativePageFactory(
        parent=index,
        title="Buurthuis De Sleutel",
        intro="Het buurthuis van Wielwijk.",
        location=WIELWIJK,
    )
    lisse = InitiativePageFactory(
        parent=index, title="Stichting Samen Lisse", intro="Welzijn in Lisse.", location=LISSE
    )
    pages = {}
    pages["wandelgroep"] = ActivityPageFactory(
        parent=dordt,
        title="Wandelgroep De Stappers",
        intro="Elke week samen een uur wandelen door de wijk.",
        starts_on=today,
        recurrence="weekly",
        is_free=True,
        location=WIELWIJK,
        accessibility=["wheelchair"],
    )
    pages["wandelgroep"].themes.set([walking, lonely])
    pages["wandeling_lisse"] = ActivityPageFactory(
        parent=lisse,
        title="Bollenwandeling",
        intro="Een wandeling langs de bollenvelden, met koffie na afloop.",
        starts_on=today + dt.timedelta(days=2),
        recurrence="weekly",
        is_free=False,
        cost=3,
        location=LISSE,
    )
    pages["wandeling_lisse"].themes.set([walking])
    pages["koffieochtend"] = ActivityPageFactory(
        parent=dordt,
        title="Koffieochtend in de buurtkamer",
        intro="Kom binnen voor een kop koffie en een praatje met de buren.",
        starts_on=today + dt.timedelta(days=1),
        recurrence="weekly",
        location=DORDRECHT,
        languages=["ar", "uk"],  # in Arabic and Ukrainian, not Dutch (issue 20)
    )
    pages["koffieochtend"].themes.set([lonely])
    pages["mantelzorgcafe"] = ActivityPageFactory(
        parent=dordt,
        title="Mantelzorgcafé Dordrecht",
        intro="Even bijpraten met andere mantelzorgers; er is opvang voor je naaste.",
        starts_on=today + dt.timedelta(days=3),
        recurrence="monthly",
        location=DORDRECHT,
    )
    pages["mantelzorgcafe"].themes.set([carers])
    pages["taalcafe"] = ActivityPageFactory(
        parent=lisse,
        title="Taalcafé Lisse",
        intro="Nederlands oefenen in een kleine groep.",
        starts_on=today + dt.timedelta(days=4),
        recurrence="weekly",
        location=LISSE,
        languages=["nl", "uk"],  # also in Ukrainian (issue 20)
    )
    pages["vacature_wandel"] = VacancyPageFactory(
        parent=dordt,
        title="Vrijwilliger voor de wandelgroep",
        intro="Loop mee en let op de groep.",
        location=WIELWIJK,
        tasks="<p>Je begeleidt de wandelingen op dinsdag.</p>",
    )
    pages["vacature_wandel"].themes.set([walking])
    pages["vacature_chauffeur"] = VacancyPageFactory(
        parent=lisse,
        title="Vrijwillige chauffeur",
        intro="Rijd ouderen naar de dokter.",
        location=LISSE,
        tasks="<p>Je rijdt met de buurtbus.</p>",
    )
    pages["huiskamer"] = MeetingPlacePageFactory(
        parent=dordt,
        title="Huiskamer van de wijk",
        location=WIELWIJK,
        intro="Een warme plek voor iedereen: koffie, krant en gezelschap.",
        accessibility=["wheelchair"],
    )
    # Open Monday to Friday 09:00-17:00.
    for day in range(5):
        OpeningHours.objects.create(
            page=pages["huiskamer"], weekday=day, opens=dt.time(9), closes=dt.time(17)
        )
    pages["avondplek"] = MeetingPlacePageFactory(
        parent=lisse,
        title="Avondinloop",
        location=LISSE,
        intro="'s Avonds binnenlopen.",
    )
    OpeningHours.objects.create(
        page=pages["avondplek"], weekday=4, opens=dt.time(19), closes=dt.time(1)
    )
    pages["dordt"], pages["lisse"] = dordt, lisse
    for page in pages.values():
        page.save()  # themes and hours set after creation
    return pages
