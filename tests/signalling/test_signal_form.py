"""Sending a signal: routing to the wijk's contact point (else the
gemeente's, else a clear message), consent, the word check, the rate limit,
and what is kept."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from helprequests.models import SensitiveTerm
from organisation.models import OrganisationSettings
from signalling.models import HelpSignal, SignalConsent, SignallerKind

from .conftest import (
    ELSEWHERE_IN_GEMEENTE,
    NOWHERE,
    HelpSignalFactory,
    ProfessionalFactory,
    form_data,
)

pytestmark = pytest.mark.django_db
URL = "/signaleren/"


def test_explanation_before_login(client):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Zo gaat het" in body and "Inloggen" in body
    assert "niet wat er met de bewoner" in body or "Je hoort niet" in body
    assert "no-store" in response["Cache-Control"]


def test_anonymous_post_goes_to_login(client, postcodes, wijkteam):
    response = client.post(URL, form_data())
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert not HelpSignal.objects.exists()


def test_routed_to_the_wijk_contact_point_and_kept_to_pc4(
    client, neighbour, postcodes, wijkteam, loket, wielwijk
):
    client.force_login(neighbour)
    response = client.post(URL, form_data(signaller_phone="06-12345678"))
    assert response.status_code == 302 and response["Location"] == reverse("signalling:sent")
    signal = HelpSignal.objects.get()
    assert signal.contact_point == wijkteam
    assert signal.neighbourhood == wielwijk
    assert signal.postcode == "3317"
    assert signal.signaller == neighbour and signal.signaller_kind == SignallerKind.NEIGHBOUR
    assert signal.signaller_phone == "06-12345678"
    sent = client.get(response["Location"]).content.decode()
    assert "Je hoort daarna niet wat er met de bewoner gebeurt" in sent
    assert "Sociaal wijkteam Wielwijk" in sent


def test_the_gemeente_contact_point_when_the_wijk_has_none(
    client, neighbour, postcodes, wijkteam, loket
):
    client.force_login(neighbour)
    client.post(URL, form_data(postcode=ELSEWHERE_IN_GEMEENTE))
    signal = HelpSignal.objects.get()
    assert signal.contact_point == loket
    assert signal.postcode == "3318"


def test_no_contact_point_says_so_and_keeps_what_was_typed(
    client, neighbour, postcodes, wijkteam, home
):
    OrganisationSettings.objects.update_or_create(
        site_id=home.get_site().pk, defaults={"name": "Gemeente Dordrecht", "phone": "14 078"}
    )
    client.force_login(neighbour)
    data = form_data(postcode=NOWHERE, concern="De heer van hiernaast eet niet meer goed.")
    response = client.post(URL, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "nog geen contactpunt" in body
    assert "14 078" in body
    assert "De heer van hiernaast eet niet meer goed." in body
    assert "mevrouw op nr. 12" in body
    assert not HelpSignal.objects.exists()


def test_a_wijk_point_nobody_reads_signals_for_is_skipped(
    client, neighbour, postcodes, wijkteam, loket
):
    wijkteam.staff.clear()
    client.force_login(neighbour)
    client.post(URL, form_data())
    assert HelpSignal.objects.get().contact_point == loket


def test_with_only_a_point_nobody_reads_signals_for_its_phone_is_shown(
    client, neighbour, postcodes, wijkteam
):
    wijkteam.staff.clear()
    wijkteam.walk_in_hours = "ma–vr 9–17"
    wijkteam.save()
    client.force_login(neighbour)
    response = client.post(URL, form_data())
    assert response.status_code == 400
    body = response.content.decode()
    assert "nog geen contactpunt" in body
    assert "Bel met Sociaal wijkteam Wielwijk" in body and "ma–vr 9–17" in body
    assert not HelpSignal.objects.exists()


def test_unknown_postcode_is_an_error_at_the_field(client, neighbour, postcodes, wijkteam):
    client.force_login(neighbour)
    response = client.post(URL, form_data(postcode="1011 ZZ"))
    assert response.status_code == 400
    assert "Deze postcode kennen we niet" in response.content.decode()
    response = client.post(URL, form_data(postcode="hallo"))
    assert response.status_code == 400
    assert "Vul de postcode van de bewoner in" in response.content.decode()


def test_an_approved_professional_signals_as_professional(client, postcodes, wijkteam):
    professional = ProfessionalFactory().user
    client.force_login(professional)
    client.post(URL, form_data())
    assert HelpSignal.objects.get().signaller_kind == SignallerKind.PROFESSIONAL


def test_a_pending_professional_signals_as_neighbour(client, postcodes, wijkteam):
    professional = ProfessionalFactory(status="pending").user
    client.force_login(professional)
    client.post(URL, form_data())
    assert HelpSignal.objects.get().signaller_kind == SignallerKind.NEIGHBOUR


def test_without_consent_a_reason_is_required(client, neighbour, postcodes, wijkteam):
    client.force_login(neighbour)
    response = client.post(URL, form_data(consent=SignalConsent.NOT_POSSIBLE))
    assert response.status_code == 400
    assert "Schrijf waarom je de bewoner niet om toestemming kunt vragen" in (
        response.content.decode()
    )
    assert not HelpSignal.objects.exists()
    client.post(
        URL,
        form_data(consent=SignalConsent.NOT_POSSIBLE, no_consent_reason="Hij doet niet open."),
    )
    assert HelpSignal.objects.get().no_consent_reason == "Hij doet niet open."


def test_with_consent_a_reason_is_not_kept(client, neighbour, postcodes, wijkteam):
    client.force_login(neighbour)
    client.post(URL, form_data(no_consent_reason="iets wat niet nodig is"))
    assert HelpSignal.objects.get().no_consent_reason == ""


def test_the_database_refuses_no_consent_without_reason(wijkteam):
    with pytest.raises(IntegrityError), transaction.atomic():
        HelpSignalFactory(
            contact_point=wijkteam, consent=SignalConsent.NOT_POSSIBLE, no_consent_reason=""
        )


def test_consent_is_required(client, neighbour, postcodes, wijkteam):
    client.force_login(neighbour)
    response = client.post(URL, form_data(consent=""))
    assert response.status_code == 400
    assert "Kies of de bewoner ervan weet" in response.content.decode()


def test_medical_words_ask_for_a_check_first(client, neighbour, postcodes, wijkteam):
    # The list comes with a migration; a browser test's flush may have emptied it.
    SensitiveTerm.objects.get_or_create(term="dement", defaults={"reason": "gezondheid"})
    client.force_login(neighbour)
    data = form_data(concern="Mevrouw heeft dementie en vergeet te eten.")
    response = client.post(URL, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kijk je tekst nog even na" in body
    assert "<mark" in body and "Verstuur toch" in body
    assert 'name="nagekeken" value="1"' in body
    assert not HelpSignal.objects.exists()
    response = client.post(URL, {**data, "nagekeken": "1"})
    assert response.status_code == 302
    assert HelpSignal.objects.get().concern == "Mevrouw heeft dementie en vergeet te eten."


def test_honeypot(client, neighbour, postcodes, wijkteam):
    client.force_login(neighbour)
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not HelpSignal.objects.exists()


def test_rate_limited_per_account(client, neighbour, postcodes, wijkteam, settings):
    settings.VOLUNTEER_RATE_LIMITS = {**settings.VOLUNTEER_RATE_LIMITS, "signal": "2/d"}
    client.force_login(neighbour)
    # A form with an error does not count.
    assert client.post(URL, form_data(consent="")).status_code == 400
    assert client.post(URL, form_data()).status_code == 302
    assert client.post(URL, form_data()).status_code == 302
    assert client.post(URL, form_data()).status_code == 429
    assert HelpSignal.objects.count() == 2


def test_the_mail_to_the_staff_says_nothing_of_the_signal(
    client, neighbour, postcodes, wijkteam, loket, django_capture_on_commit_callbacks
):
    client.force_login(neighbour)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(concern="De post stapelt zich op bij haar."))
    signal = HelpSignal.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wijkteam@example.nl"]  # not the loket's staff
    text = message.subject + message.body
    assert "nieuw signaal" in text
    assert f"/contactpunt/signalen/{signal.pk}/" in message.body
    for private in ("post stapelt", "nr. 12", "3317", "buurman@example.nl"):
        assert private not in text


def test_encrypted_at_rest(client, neighbour, postcodes, wijkteam):
    client.force_login(neighbour)
    client.post(URL, form_data(concern="De post stapelt zich op bij haar."))
    with connection.cursor() as cursor:
        cursor.execute("SELECT concern, resident FROM signalling_helpsignal")
        concern, resident = cursor.fetchone()
    assert concern.startswith("fernet:") and "post" not in concern
    assert resident.startswith("fernet:") and "nr. 12" not in resident
