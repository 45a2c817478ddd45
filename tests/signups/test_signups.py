"""Taking a place (issue 18): with an account in one click, without one by
email (a confirmation link) or phone; the waiting list; cancelling by the
mail's link or "Mijn aanmeldingen", which moves the first waiting person up."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from signups import services
from signups.models import Signup, SignupSlot, SignupStatus
from tests.factories import ActivityPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def _link(mail, path: str) -> str:
    match = re.search(rf"https?://[^/\s]+(/{path}/[^\s]+/)", mail.body)
    assert match, mail.body
    return match.group(1)


def _take(client, activity, day, **data):
    return client.post(f"/aanmelden/{activity.pk}/{day:%Y-%m-%d}/", data)


def test_without_an_account_by_email_the_place_is_held_once_confirmed(
    client, activity, day, mailoutbox, commit
):
    with commit():
        response = _take(client, activity, day, name="Fatima", email="Fatima@Example.nl")
    assert response.status_code == 302
    signup = Signup.objects.get()
    assert (signup.status, signup.email) == (SignupStatus.PENDING, "fatima@example.nl")
    page = client.get(response.url)
    assert "Kijk in je e-mail" in page.content.decode()
    assert [m.to for m in mailoutbox] == [["fatima@example.nl"]]
    confirm = _link(mailoutbox[0], "aanmelding/bevestigen")
    # A mail scanner opening the link takes nobody's place.
    assert "Bevestig mijn aanmelding" in client.get(confirm).content.decode()
    assert Signup.objects.get().status == SignupStatus.PENDING
    with commit():
        done = client.post(confirm, follow=True)
    assert "Je bent aangemeld" in done.content.decode()
    assert Signup.objects.get().status == SignupStatus.CONFIRMED
    assert "/aanmelding/afmelden/" in mailoutbox[1].body
    with commit():
        client.post(confirm)  # again: nothing changes, no second mail
    assert len(mailoutbox) == 2


def test_by_phone_the_place_is_taken_and_the_initiative_calls(
    client, activity, day, mailoutbox, commit
):
    with commit():
        response = _take(client, activity, day, name="Meneer Jansen", phone="06 12345678")
    text = client.get(response.url).content.decode()
    assert "Je bent aangemeld" in text and "Het initiatief belt je" in text
    assert Signup.objects.get().status == SignupStatus.CONFIRMED
    assert mailoutbox == []


def test_bad_input_gives_a_dutch_message_and_keeps_what_was_typed(client, activity, day):
    response = _take(client, activity, day, name="Fatima", phone="bel me")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Dit is geen geldig telefoonnummer" in text and 'value="Fatima"' in text
    response = _take(client, activity, day, name="Fatima")
    assert "Vul je e-mailadres of je telefoonnummer in" in response.content.decode()
    response = _take(client, activity, day, name="Bot", phone="0612345678", website="x")
    assert response.status_code == 400
    assert not Signup.objects.exists()


def test_a_date_the_activity_is_not_on_is_refused_without_an_error_page(client, activity, day):
    wednesday = day + dt.timedelta(days=1)
    response = _take(client, activity, wednesday, name="Fatima", phone="0612345678")
    assert response.status_code == 302
    assert client.get(f"/aanmelden/{activity.pk}/gisteren/").status_code == 404
    assert not Signup.objects.exists()
    with pytest.raises(ValidationError):
        services.signup_create(activity=activity, day=wednesday, name="X", phone="0612345678")


def test_an_activity_without_capacity_takes_no_sign_ups(client, initiative):
    open_door = ActivityPageFactory(parent=initiative, registration_required=True, capacity=None)
    assert client.get(f"/aanmelden/{open_door.pk}/").status_code == 404


def test_when_full_the_waiting_list_with_position(client, activity, day):
    for n in range(5):
        services.signup_create(activity=activity, day=day, name=f"P{n}", phone="0612345678")
    page = client.get(f"/aanmelden/{activity.pk}/").content.decode()
    assert "Vol" in page
    _take(client, activity, day, name="Zesde", phone="0611111111")
    response = _take(client, activity, day, name="Zevende", phone="0622222222")
    text = client.get(response.url).content.decode()
    assert "Je staat op de wachtlijst, op plaats 2" in text


def test_places_left_on_the_sign_up_page(client, activity, day):
    services.signup_create(activity=activity, day=day, name="A", phone="0612345678")
    services.signup_create(activity=activity, day=day, name="B", phone="0612345679")
    text = client.get(f"/aanmelden/{activity.pk}/").content.decode()
    assert "Nog 3 plekken" in text


def test_cancel_by_mail_link_moves_the_first_waiting_up(client, activity, day, mailoutbox, commit):
    first = services.signup_create(
        activity=activity, day=day, name="Eerste", email="", phone="0600000000"
    )
    for n in range(4):
        services.signup_create(activity=activity, day=day, name=f"P{n}", phone="0612345678")
    waiting = services.signup_create(
        activity=activity,
        day=day,
        name="Wacht",
        user=UserFactory(email="wacht@example.nl"),
        email="wacht@example.nl",
    )
    later = services.signup_create(activity=activity, day=day, name="Later", phone="0633333333")
    assert waiting.status == SignupStatus.WAITING
    mailoutbox.clear()
    link = f"/aanmelding/afmelden/{services.cancel_token(first)}/"
    assert "Ik meld me af" in client.get(link).content.decode()
    assert Signup.objects.get(pk=first.pk).status == SignupStatus.CONFIRMED
    with commit():
        text = client.post(link).content.decode()
    assert "Je bent afgemeld" in text
    assert Signup.objects.get(pk=waiting.pk).status == SignupStatus.CONFIRMED
    assert Signup.objects.get(pk=later.pk).status == SignupStatus.WAITING
    assert [m.to for m in mailoutbox] == [["wacht@example.nl"]]
    assert "er is een plek vrijgekomen" in mailoutbox[0].body
    client.post(link)  # twice: nobody else moves up
    assert Signup.objects.get(pk=later.pk).status == SignupStatus.WAITING


def test_a_changed_link_does_not_work(client, activity, day):
    signup = services.signup_create(activity=activity, day=day, name="A", phone="0612345678")
    token = services.cancel_token(signup)
    assert client.post(f"/aanmelding/afmelden/{token}x/").status_code == 404
    confirm_as_cancel = services.confirm_token(signup)
    assert client.post(f"/aanmelding/afmelden/{confirm_as_cancel}/").status_code == 404
    assert Signup.objects.get().status == SignupStatus.CONFIRMED


def test_with_an_account_one_click_and_my_sign_ups(activity, day, mailoutbox, commit):
    user = UserFactory(first_name="Els", last_name="de Boer")
    client = Client()
    client.force_login(user)
    page = client.get(f"/aanmelden/{activity.pk}/{day:%Y-%m-%d}/").content.decode()
    assert user.email in page and 'name="name"' not in page
    with commit():
        response = client.post(f"/aanmelden/{activity.pk}/{day:%Y-%m-%d}/")
    assert response.status_code == 302
    signup = Signup.objects.get()
    assert (signup.name, signup.email, signup.status) == ("Els de Boer", user.email, "confirmed")
    assert [m.to for m in mailoutbox] == [[user.email]]
    # Twice: a clear message, still one sign-up.
    client.post(f"/aanmelden/{activity.pk}/{day:%Y-%m-%d}/")
    assert Signup.objects.count() == 1
    mine = client.get("/mijn-aanmeldingen/").content.decode()
    assert "Kookclub" in mine and "Je staat al op de lijst" in mine
    client.post(f"/mijn-aanmeldingen/{signup.pk}/afmelden/")
    assert Signup.objects.get().status == SignupStatus.CANCELLED
    other = Client()
    other.force_login(UserFactory())
    assert other.post(f"/mijn-aanmeldingen/{signup.pk}/afmelden/").status_code == 404


def test_the_form_is_rate_limited(client, activity, day, settings):
    settings.VOLUNTEER_RATE_LIMITS = {**settings.VOLUNTEER_RATE_LIMITS, "signup": "2/h"}
    for n in range(2):
        assert _take(client, activity, day, name=f"P{n}", phone="0612345678").status_code == 302
    assert _take(client, activity, day, name="P3", phone="0612345678").status_code == 429
    assert Signup.objects.count() == 2


def test_the_activity_page_links_to_the_sign_up_page_without_a_count(client, activity, day):
    services.signup_create(activity=activity, day=day, name="Fatima", phone="0612345678")
    text = client.get(activity.url).content.decode()
    assert f'href="/aanmelden/{activity.pk}/"' in text
    assert "Nog 4" not in text and "Fatima" not in text


def test_the_sign_up_page_is_not_in_the_page_cache(client, activity, day, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.get(activity.url)
    assert client.get(activity.url)["X-Cache"] == "hit"  # the cache is on
    first = client.get(f"/aanmelden/{activity.pk}/")
    assert "X-Cache" not in first
    assert "Nog 5 plekken" in first.content.decode()
    services.signup_create(activity=activity, day=day, name="A", phone="0612345678")
    assert "Nog 4 plekken" in client.get(f"/aanmelden/{activity.pk}/").content.decode()


def test_sign_ups_are_not_in_the_api_open_data_calendar_or_search(client, activity, day):
    services.signup_create(activity=activity, day=day, name="Fatima Zahra", phone="0612345678")
    urls = (
        f"/api/v2/pages/{activity.pk}/",
        "/api/v2/pages/?type=initiatives.ActivityPage",
        "/open-data/hsds.json",
        "/activiteiten/agenda.ics",
        "/zoeken/?q=Kookclub",
        activity.url,
    )
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        assert b"Fatima" not in body and b"0612345678" not in body, url
    assert SignupSlot.objects.count() == 1


def test_typing_someone_elses_address_tells_nothing(client, activity, day, mailoutbox, commit):
    """Without an account, "already on the list" would tell anyone who signed
    up; the check waits for the link, which only the address's owner has."""
    first = services.signup_create(activity=activity, day=day, name="Els", email="els@example.nl")
    services.signup_confirm_email(signup=first)
    with commit():
        response = _take(client, activity, day, name="Wie dan ook", email="els@example.nl")
    text = client.get(response.url).content.decode()
    assert "Kijk in je e-mail" in text and "al op de lijst" not in text
    second = Signup.objects.get(name="Wie dan ook")
    assert services.signup_confirm_email(signup=second).pk == first.pk
    assert Signup.objects.get(pk=second.pk).status == SignupStatus.CANCELLED
    assert Signup.objects.in_line().count() == 1


def test_the_form_sends_few_mails_to_one_address(client, activity, day, settings):
    settings.VOLUNTEER_RATE_LIMITS = {**settings.VOLUNTEER_RATE_LIMITS, "signup_mail": "2/h"}
    for n in range(2):
        assert _take(client, activity, day, name=f"P{n}", email="x@example.nl").status_code == 302
    response = _take(client, activity, day, name="P3", email="X@example.nl")
    assert response.status_code == 400
    assert "We hebben net al een paar e-mails" in response.content.decode()
    assert Signup.objects.count() == 2
