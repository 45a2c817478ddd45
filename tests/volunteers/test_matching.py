"""Explainable matching: the score and reasons on hand-made cases, the
candidate rules on the database, "Voor jou", suggested volunteers and the
match digest."""

import datetime as dt
import io
import re

import pytest
from django.contrib.gis.geos import Point
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessAction, AccessEvent, AccessObject
from helprequests.models import HelpRequestStatus
from initiatives.choices import VacancyStatus
from tests.factories import (
    HelpOfferFactory,
    HelpRequestFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    NeighbourhoodFactory,
    ResponseFactory,
    ThemeFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from volunteers import matching, services
from volunteers.matching import (
    Fit,
    fit_for,
    help_kind_themes,
    rank,
    reasons,
    score,
    warnings,
)
from volunteers.models import MatchAlert, ResponseStatus

# Dordrecht; 0.01 degree of latitude is about 1.1 km.
HOME = Point(4.6901, 51.8133, srid=4326)


def north(km: float) -> Point:
    return Point(HOME.x, HOME.y + km / 111.2, srid=4326)


# -- the score and the reasons (no database) ---------------------------------------------
def test_closer_beats_farther_with_equal_overlap():
    near = Fit(distance_km=1, travel_km=10, themes=("mantelzorg",))
    far = Fit(distance_km=8, travel_km=10, themes=("mantelzorg",))
    assert score(near) == score(far)
    assert rank(near, "b") < rank(far, "a")


def test_a_shared_theme_beats_being_close():
    close_no_theme = Fit(distance_km=0, travel_km=10)
    far_with_theme = Fit(distance_km=9.9, travel_km=10, themes=("mantelzorg",))
    assert score(far_with_theme) > score(close_no_theme)
    assert rank(far_with_theme, "b") < rank(close_no_theme, "a")


def test_next_door_comes_first_among_equal_fits_even_with_a_vog():
    """Issue 16: a 0.0 km match ranked fifth behind equal ones farther away,
    because asking for a VOG cost it more than 5 km of distance."""
    fits = [
        fit_for(
            distance_km=km,
            travel_km=10,
            availability=["tue-afternoon"],
            days=[1],
            parts_of_day=["afternoon"],
            themes=["cultuur"],
            vog_required=vog,
            has_vog=False,
        )
        for km, vog in ((4.8, False), (3.4, False), (3.4, True), (5.5, False), (0.0, True))
    ]
    ordered = sorted(range(len(fits)), key=lambda i: rank(fits[i], str(i)))
    assert [fits[i].distance_km for i in ordered] == [0.0, 3.4, 3.4, 4.8, 5.5]
    # Among equal distances the one without a VOG first.
    assert [fits[i].needs_vog for i in ordered[1:3]] == [False, True]


def test_availability_overlap_beats_flexible_beats_none():
    common = fit_for(
        distance_km=2, travel_km=10, availability=["tue-afternoon"], days=[1], parts_of_day=[]
    )
    flexible = fit_for(
        distance_km=2, travel_km=10, availability=["tue-afternoon"], days=[], parts_of_day=[]
    )
    other_day = fit_for(
        distance_km=2, travel_km=10, availability=["tue-afternoon"], days=[4], parts_of_day=[]
    )
    assert common.slots == ("tue-afternoon",)
    assert flexible.flexible and not flexible.slots
    assert other_day.slots == () and not other_day.flexible
    assert score(common) > score(flexible) > score(other_day)


def test_vacancy_slots_days_times_parts():
    assert matching.vacancy_slots([1, 3], ["afternoon"]) == {"tue-afternoon", "thu-afternoon"}
    assert len(matching.vacancy_slots([1], [])) == 3
    assert len(matching.vacancy_slots([], ["evening"])) == 7
    assert matching.vacancy_slots([], []) is None


def test_from_home_ranks_as_halfway_the_radius():
    from_home = Fit(distance_km=None, travel_km=5, themes=("mantelzorg",))
    at_edge = Fit(distance_km=5, travel_km=5, themes=("mantelzorg",))
    near = Fit(distance_km=1, travel_km=5, themes=("mantelzorg",))
    assert rank(near, "c") < rank(from_home, "b") < rank(at_edge, "a")
    assert reasons(from_home) == ("vanuit huis", "mantelzorg")


def test_missing_vog_is_a_warning_not_a_reason():
    fit = fit_for(
        distance_km=1, travel_km=5, availability=[], days=[], parts_of_day=[], vog_required=True
    )
    with_vog = fit_for(
        distance_km=1,
        travel_km=5,
        availability=[],
        days=[],
        parts_of_day=[],
        vog_required=True,
        has_vog=True,
    )
    assert score(with_vog) == score(fit)
    assert rank(with_vog, "b") < rank(fit, "a")
    assert not any("VOG" in reason for reason in reasons(fit))
    assert warnings(fit) == ("VOG nodig — vaak gratis aan te vragen via de Gratis VOG-regeling",)
    assert warnings(with_vog) == ()
    assert warnings(fit, about_volunteer=True) == ("heeft nog geen VOG",)


def test_other_times_are_a_warning():
    other_day = fit_for(
        distance_km=0, travel_km=5, availability=["tue-afternoon"], days=[2], parts_of_day=[]
    )
    no_times_given = fit_for(distance_km=0, travel_km=5, availability=[], days=[2], parts_of_day=[])
    assert warnings(other_day) == ("op andere dagen of tijden dan je in je profiel opgaf",)
    assert warnings(no_times_given) == ()


def test_reasons_text():
    fit = fit_for(
        distance_km=2.43,
        travel_km=5,
        availability=["tue-afternoon", "fri-evening"],
        days=[1],
        parts_of_day=["afternoon"],
        themes=["mantelzorg"],
    )
    match = matching.Match(matching.VACANCY, "x", score(fit), reasons(fit))
    assert match.reasons_text == "2,4 km · dinsdagmiddag · mantelzorg"


def test_reasons_show_two_slots_and_coarse_distance():
    fit = fit_for(
        distance_km=2.43,
        travel_km=5,
        availability=["sat-morning", "mon-morning", "wed-morning"],
        days=[],
        parts_of_day=["morning"],
        skills=["koken", "autorijden"],
    )
    assert reasons(fit) == ("2,4 km", "maandagochtend, woensdagochtend +1", "autorijden, koken")
    assert reasons(fit, distance_label="2 tot 5 km")[0] == "2 tot 5 km"
    assert matching.format_km(0.4, coarse=True) == "minder dan 1 km"
    assert matching.format_km(2.43, coarse=True) == "ca. 2 km"


def test_initiatives_see_distance_bands():
    bands = {km: matching.distance_band(km).label for km in (0, 1.99, 2, 4.99, 5, 9.99, 10, 99)}
    assert bands == {
        0: "binnen 2 km",
        1.99: "binnen 2 km",
        2: "2 tot 5 km",
        4.99: "2 tot 5 km",
        5: "5 tot 10 km",
        9.99: "5 tot 10 km",
        10: "verder dan 10 km",
        99: "verder dan 10 km",
    }


# -- candidates from the database --------------------------------------------------------
@pytest.fixture
def initiative(index):
    return InitiativePageFactory(parent=index, title="Buurthuis De Sleutel")


@pytest.fixture
def care(db):
    return ThemeFactory(name="mantelzorg", slug="mantelzorg")


@pytest.fixture
def profile(care):
    profile = VolunteerProfileFactory(
        display_name="Fatima", location=HOME, travel_km=5, availability=["tue-afternoon"]
    )
    profile.themes.set([care])
    return profile


def vacancy(initiative, title, km=1.0, themes=(), **kwargs):
    page = VacancyPageFactory(parent=initiative, title=title, location=north(km), **kwargs)
    if themes:
        # A page's many-to-many (ParentalManyToManyField) is written on save.
        page.themes.set(themes)
        page.save()
    return page


def titles(matches):
    return [m.object.title for m in matches]


@pytest.mark.django_db
def test_matches_ranked_and_filtered(initiative, profile, care):
    vacancy(
        initiative, "Mantelzorg dinsdag", km=3, days=[1], parts_of_day=["afternoon"], themes=[care]
    )
    near = vacancy(initiative, "Dichtbij", km=0.5)
    far = vacancy(initiative, "Verder weg", km=3)
    home = vacancy(initiative, "Thuis bellen", km=60, from_home=True)
    vacancy(initiative, "Buiten bereik", km=8)
    vacancy(initiative, "Vervuld", km=1, status=VacancyStatus.FILLED)
    vacancy(initiative, "Gesloten", km=1, status=VacancyStatus.CLOSED)
    vacancy(initiative, "Verlopen", km=1, ends_on=dt.date(2020, 1, 1))
    full = vacancy(initiative, "Plekken bezet", km=1)
    ResponseFactory(vacancy=full, status=ResponseStatus.MATCHED)
    responded = vacancy(initiative, "Al gereageerd", km=1)
    ResponseFactory(vacancy=responded, volunteer=profile.user)

    matches = matching.matches_for(profile)

    assert titles(matches) == ["Mantelzorg dinsdag", "Dichtbij", "Thuis bellen", "Verder weg"]
    assert matches[0].reasons_text == "3,0 km · dinsdagmiddag · mantelzorg"
    assert matches[0].object.initiative_title == "Buurthuis De Sleutel"
    assert matches[2].reasons == ("vanuit huis", "tijden in overleg")
    assert {near.pk, far.pk, home.pk} <= {m.object.pk for m in matches}


@pytest.mark.django_db
def test_without_location_only_from_home(initiative, profile):
    services.profile_set_location(profile=profile, point=None)
    profile.save()
    vacancy(initiative, "Dichtbij", km=0.5)
    vacancy(initiative, "Thuis", from_home=True)
    assert titles(matching.matches_for(profile)) == ["Thuis"]


@pytest.mark.django_db
def test_a_profile_without_themes_still_gets_matches(client, initiative, profile):
    # An empty theme list once became ORDER BY a constant, which PostgreSQL
    # refuses: "Voor jou" was a server error for everyone without themes.
    profile.themes.set([])
    vacancy(initiative, "Dichtbij", km=0.5)
    vacancy(initiative, "Thuis", from_home=True)
    assert titles(matching.matches_for(profile)) == ["Dichtbij", "Thuis"]
    client.force_login(profile.user)
    response = client.get("/voor-jou/")
    assert response.status_code == 200 and "Dichtbij" in response.content.decode()


# -- "Voor jou" ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_for_you_requires_login(client):
    response = client.get("/voor-jou/")
    assert response.status_code == 302
    assert "voor-jou" in response["Location"]


@pytest.mark.django_db
def test_for_you_without_profile_links_to_profile(client):
    client.force_login(UserFactory())
    response = client.get(reverse("volunteers:for_you"))
    assert response.status_code == 200
    assert b'href="/profiel/"' in response.content
    assert "Vul je profiel in" in response.content.decode()


@pytest.mark.django_db
def test_for_you_shows_matches_with_reasons(
    client, initiative, profile, care, django_assert_max_num_queries
):
    match = vacancy(
        initiative,
        "Mantelzorg dinsdag",
        km=2.4,
        days=[1],
        parts_of_day=["afternoon"],
        themes=[care],
    )
    for i in range(5):
        vacancy(initiative, f"Ander werk {i}", km=1 + i / 10, themes=[care])
    client.force_login(profile.user)
    with django_assert_max_num_queries(20):  # not one query per match
        response = client.get(reverse("volunteers:for_you"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mantelzorg dinsdag" in html
    assert f'href="{match.url}"' in html
    assert "dinsdagmiddag · mantelzorg" in html
    assert 'href="/voor-jou/"' in html  # in the header


def test_for_you_shows_reasons_and_warnings_apart_with_visible_labels(
    client, initiative, profile, care
):
    vacancy(
        initiative,
        "Maatje met VOG",
        km=0,
        days=[1],
        parts_of_day=["afternoon"],
        themes=[care],
        vog_required=True,
    )
    client.force_login(profile.user)
    html = client.get(reverse("volunteers:for_you")).content.decode()
    reasons_p = re.search(r'<p class="match__reasons">(.*?)</p>', html, re.S).group(1)
    warnings_p = re.search(r'<p class="match__warnings">(.*?)</p>', html, re.S).group(1)
    assert '<span class="match__label">Waarom dit bij je past:</span>' in reasons_p
    assert "visually-hidden" not in reasons_p
    assert "VOG" not in reasons_p
    assert '<span class="match__label">Let op:</span>' in warnings_p
    assert "VOG nodig — vaak gratis aan te vragen via de Gratis VOG-regeling" in warnings_p


# -- suggested volunteers -----------------------------------------------------------------
@pytest.mark.django_db
def test_suggestions_only_visible_profiles_for_members(client, initiative, care):
    job = vacancy(
        initiative, "Mantelzorg dinsdag", km=0, days=[1], parts_of_day=["afternoon"], themes=[care]
    )
    shown = VolunteerProfileFactory(
        display_name="Zichtbaar",
        # Its coarse point is 2.7-4.3 km away, whichever way it was moved.
        location=north(3.5),
        visible_to_initiatives=True,
        availability=["tue-afternoon"],
        postcode="3311 AB",
    )
    shown.themes.set([care])
    VolunteerProfileFactory(display_name="Verborgen", location=north(1))
    VolunteerProfileFactory(
        display_name="Te ver", location=north(30), travel_km=5, visible_to_initiatives=True
    )
    url = reverse("volunteers:suggestions", args=[job.pk])
    assert url == f"/inbox/vacatures/{job.pk}/suggesties/"

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404

    assert not AccessEvent.objects.exists()  # refused: nothing seen
    member = InitiativeMemberFactory(initiative=initiative).user
    client.force_login(member)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zichtbaar" in html
    assert "2 tot 5 km · dinsdagmiddag · mantelzorg" in html
    assert "Verborgen" not in html and "Te ver" not in html
    assert shown.user.email not in html and "3311" not in html
    # The audit log: one view of the one profile shown, by the member.
    (seen,) = AccessEvent.objects.all()
    assert (seen.actor_id, seen.action, seen.obj_type, seen.obj_id, seen.subject_id) == (
        member.pk,
        AccessAction.VIEW,
        AccessObject.PROFILE,
        shown.pk,
        shown.user_id,
    )

    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 200


# -- the digest ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_send_match_alerts(initiative, profile):
    vacancy(initiative, "Eerste", km=1)
    vacancy(initiative, "Tweede", km=2)
    VolunteerProfileFactory(user=UserFactory(verified=False), location=HOME)  # never mailed

    out = io.StringIO()
    call_command("send_match_alerts", "--dry-run", stdout=out)
    assert f"{profile.user.email}: 2 vacature(s)" in out.getvalue()
    assert len(mail.outbox) == 0
    assert MatchAlert.objects.count() == 0

    call_command("send_match_alerts", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [profile.user.email]
    assert "2 keer nieuw vrijwilligerswerk" in digest.subject
    assert "Eerste" in digest.body and "1,0 km" in digest.body
    assert set(MatchAlert.objects.values_list("vacancy__title", flat=True)) == {"Eerste", "Tweede"}

    call_command("send_match_alerts", stdout=io.StringIO())
    assert len(mail.outbox) == 1

    later = timezone.now() + dt.timedelta(seconds=1)
    vacancy(initiative, "Derde", km=1, first_published_at=later)
    call_command("send_match_alerts", stdout=io.StringIO())
    call_command("send_match_alerts", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    assert "‘Derde’" in mail.outbox[1].subject
    assert "Eerste" not in mail.outbox[1].body


@pytest.mark.django_db
def test_failed_send_marks_nothing(initiative, profile, monkeypatch):
    vacancy(initiative, "Eerste", km=1)

    def broken(*args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr(matching, "send_mail", broken)
    call_command("send_match_alerts", stdout=io.StringIO())
    assert MatchAlert.objects.count() == 0


# -- help requests on "Voor jou" ----------------------------------------------------------
def help_request(title, km=1.0, **kwargs):
    return HelpRequestFactory(title=title, public_location=north(km), **kwargs)


@pytest.mark.django_db
def test_help_request_candidates(profile):
    wijk = NeighbourhoodFactory(name="Wielwijk")
    help_request("Boodschappen", km=2.1, neighbourhood=wijk)
    help_request("Eigen vraag", requester=profile.user)
    offered = help_request("Al aangeboden")
    HelpOfferFactory(help_request=offered, volunteer=profile.user)
    help_request("Wacht", status=HelpRequestStatus.PENDING, published_at=None)
    help_request("Gekoppeld", status=HelpRequestStatus.MATCHED)
    help_request("Oud", status=HelpRequestStatus.ARCHIVED, archived_at=timezone.now())
    help_request("Buiten bereik", km=8)
    HelpRequestFactory(title="Zonder plek", public_location=None)

    matches = matching.help_request_matches_for(profile)

    assert titles(matches) == ["Boodschappen"]
    assert matches[0].kind == matching.HELP_REQUEST
    assert matches[0].reasons == ("ca. 2 km", "boodschappen", "Wielwijk")


@pytest.mark.django_db
def test_help_requests_without_location_or_wijk(profile):
    help_request("Dichtbij", km=0.3)
    assert matching.help_request_matches_for(profile)[0].reasons == (
        "minder dan 1 km",
        "boodschappen",
    )
    services.profile_set_location(profile=profile, point=None)
    profile.save()
    assert not matching.help_request_matches_for(profile)


@pytest.mark.django_db
def test_vacancies_and_help_requests_ranked_together(initiative, profile, care):
    vacancy(
        initiative, "Mantelzorg dinsdag", km=3, days=[1], parts_of_day=["afternoon"], themes=[care]
    )
    vacancy(initiative, "Dichtbij", km=0.5)
    vacancy(initiative, "Verder weg", km=4)
    help_request("Even vrij", km=1.2, kind="respite")  # respite counts as mantelzorg
    help_request("Boodschappen", km=2)

    matches = matching.for_you_matches(profile)

    assert [(m.kind, m.object.title) for m in matches] == [
        (matching.VACANCY, "Mantelzorg dinsdag"),
        (matching.HELP_REQUEST, "Even vrij"),
        (matching.VACANCY, "Dichtbij"),
        (matching.HELP_REQUEST, "Boodschappen"),
        (matching.VACANCY, "Verder weg"),
    ]
    assert matches[1].reasons == ("ca. 1 km", "respijt of oppas")
    # The digest stays with vacancies.
    assert all(m.kind == matching.VACANCY for m in matching.digest_matches(profile))


@pytest.mark.django_db
def test_for_you_shows_help_requests_coarsely(
    client, initiative, profile, django_assert_max_num_queries
):
    wijk = NeighbourhoodFactory(name="Wielwijk")
    request = help_request("Boodschappen voor mevrouw", km=2.4, neighbourhood=wijk)
    vacancy(initiative, "Koffie schenken", km=1)
    for i in range(5):
        help_request(f"Andere vraag {i}", km=1 + i / 10)
    client.force_login(profile.user)
    with django_assert_max_num_queries(20):  # not one query per match
        response = client.get(reverse("volunteers:for_you"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/hulpvragen/{request.pk}/"' in html
    assert 'Boodschappen: <span lang="nl" dir="ltr">Boodschappen voor mevrouw</span>' in html
    assert "ca. 2 km · boodschappen · Wielwijk" in html
    assert "2,4 km" not in html
    assert '<span class="badge">Hulpvraag</span>' in html
    assert '<span class="badge">Vrijwilligerswerk</span>' in html
    assert request.postcode not in html


@pytest.mark.django_db
def test_no_digest_for_a_volunteer_who_turned_match_emails_off(initiative, profile):
    vacancy(initiative, "Eerste", km=1)
    profile.match_alerts = False
    profile.save()
    call_command("send_match_alerts", stdout=io.StringIO())
    assert len(mail.outbox) == 0 and MatchAlert.objects.count() == 0
    profile.match_alerts = True
    profile.save()
    call_command("send_match_alerts", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert "wil je deze e-mails niet meer" in mail.outbox[0].body


def test_help_kind_themes_come_from_the_settings(settings):
    # The theme slugs are configuration, not something matching knows.
    settings.HELP_KIND_THEMES = {"transport": "reizen", "not-a-kind": "vervoer"}
    assert help_kind_themes() == {"transport": "reizen"}
