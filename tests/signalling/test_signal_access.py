"""Only the staff of the contact point a signal went to can read it; every
reading and action is logged; the pages are never cached."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from initiatives.permissions import MODERATORS
from signalling.models import HelpSignal, SignalAccess, SignalAccessAction, SignalStatus
from tests.factories import InitiativeMemberFactory, InitiativePageFactory, UserFactory

from .conftest import ContactPointFactory, HelpSignalFactory, ProfessionalFactory, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def signal(wijkteam, neighbour):
    return HelpSignalFactory(contact_point=wijkteam, signaller=neighbour)


def _urls(signal):
    return [
        ("get", reverse("signalling:staff_list")),
        ("get", reverse("signalling:staff_detail", args=[signal.pk])),
        ("post", reverse("signalling:staff_contacted", args=[signal.pk])),
        ("post", reverse("signalling:staff_close", args=[signal.pk])),
    ]


@pytest.fixture
def moderator(dordrecht):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    dordrecht.moderators.add(user)
    return user


ROLES = [
    "other_staff",
    "moderator",
    "superuser",
    "initiative_member",
    "signaller",
    "professional",
    "stranger",
]


@pytest.fixture
def someone(request, dordrecht, neighbour, moderator, index):
    role = request.param
    if role == "other_staff":
        user = UserFactory()
        ContactPointFactory(name="Wijkteam Sterrenburg", staff=[user])
        return user
    if role == "moderator":
        return moderator
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    if role == "initiative_member":
        return InitiativeMemberFactory(initiative=InitiativePageFactory(parent=index)).user
    if role == "signaller":
        return neighbour
    if role == "professional":
        return ProfessionalFactory(municipality=dordrecht).user
    return UserFactory()


@pytest.mark.parametrize("someone", ROLES, indirect=True)
def test_nobody_but_the_staff_can_read_or_act(client, signal, someone):
    client.force_login(someone)
    for method, url in _urls(signal):
        response = getattr(client, method)(url)
        # The list of another contact point's staff is theirs (empty of this one).
        if url == reverse("signalling:staff_list") and response.status_code == 200:
            assert f"Signaal {signal.pk}" not in response.content.decode()
            continue
        assert response.status_code == 404, (someone, url)
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW and signal.first_contact_at is None
    assert not SignalAccess.objects.exists()


def test_anonymous_is_sent_to_login(client, signal):
    for method, url in _urls(signal):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_the_signaller_cannot_read_it_after_sending(client, neighbour, postcodes, wijkteam):
    client.force_login(neighbour)
    client.post("/signaleren/", form_data())
    signal = HelpSignal.objects.get()
    assert client.get(reverse("signalling:staff_detail", args=[signal.pk])).status_code == 404
    assert client.get(reverse("signalling:staff_list")).status_code == 404


def test_staff_read_and_every_reading_is_logged(client, signal, wijkteam_staff):
    client.force_login(wijkteam_staff)
    listing = client.get(reverse("signalling:staff_list"))
    assert listing.status_code == 200
    assert f"Signaal {signal.pk}" in listing.content.decode()
    assert "Wacht sinds vandaag" in listing.content.decode()
    # The list shows no text of the signal, so it is no reading.
    assert "post stapelt" not in listing.content.decode()
    assert not SignalAccess.objects.exists()
    assert "no-store" in listing["Cache-Control"]

    url = reverse("signalling:staff_detail", args=[signal.pk])
    detail = client.get(url)
    body = detail.content.decode()
    assert detail.status_code == 200
    assert "post stapelt zich op" in body and "mevrouw op nr. 12" in body
    assert "buurman@example.nl" in body
    assert "no-store" in detail["Cache-Control"] and "private" in detail["Cache-Control"]
    row = SignalAccess.objects.get()
    assert (row.signal, row.signal_number, row.user, row.action) == (
        signal,
        signal.pk,
        wijkteam_staff,
        SignalAccessAction.VIEW,
    )
    # The page shows the log, this reading included.
    assert "Wendy Wijkteam, bekeken" in body


def test_contact_then_close(client, signal, wijkteam_staff):
    client.force_login(wijkteam_staff)
    response = client.post(reverse("signalling:staff_contacted", args=[signal.pk]))
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CONTACTED
    first = signal.first_contact_at
    assert first is not None and first >= signal.created_at
    client.post(reverse("signalling:staff_close", args=[signal.pk]))
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CLOSED and signal.closed_at is not None
    assert signal.first_contact_at == first
    # Closing twice is refused with a message, not a 500.
    response = client.post(reverse("signalling:staff_close", args=[signal.pk]), follow=True)
    assert "al afgesloten" in response.content.decode()
    actions = list(
        SignalAccess.objects.filter(signal=signal, user=wijkteam_staff)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions[:2] == [SignalAccessAction.CONTACT, SignalAccessAction.CLOSE]
    assert set(actions[2:]) <= {SignalAccessAction.VIEW}


def test_get_on_an_action_changes_nothing(client, signal, wijkteam_staff):
    client.force_login(wijkteam_staff)
    response = client.get(reverse("signalling:staff_contacted", args=[signal.pk]))
    assert response.status_code == 405
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW


def test_staff_of_two_points_see_both_and_the_list_counts_queries(
    client, wijkteam, loket, wijkteam_staff, django_assert_max_num_queries
):
    loket.staff.add(wijkteam_staff)
    for _ in range(5):
        HelpSignalFactory(contact_point=wijkteam)
        HelpSignalFactory(contact_point=loket)
    HelpSignalFactory(contact_point=ContactPointFactory())
    client.force_login(wijkteam_staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("signalling:staff_list"))
    assert response.content.decode().count('class="response panel"') == 10


def test_the_header_leads_staff_to_their_signals(client, signal, wijkteam_staff, neighbour):
    HelpSignalFactory(contact_point=signal.contact_point, status=SignalStatus.CLOSED)
    client.force_login(wijkteam_staff)
    body = client.get(reverse("volunteers:my_data")).content.decode()
    assert 'href="/contactpunt/signalen/"' in body
    assert '1<span class="visually-hidden"> nieuw</span>' in body  # the closed one not
    client.force_login(neighbour)
    body = client.get(reverse("volunteers:my_data")).content.decode()
    assert 'href="/contactpunt/signalen/"' not in body
    # Everyone finds the way to signal from the footer.
    assert 'href="/signaleren/"' in body


def test_waiting_time_in_days(client, signal, wijkteam_staff):
    HelpSignal.objects.filter(pk=signal.pk).update(
        created_at=timezone.now() - dt.timedelta(days=3, hours=2)
    )
    client.force_login(wijkteam_staff)
    assert "Wacht 3 dagen" in client.get(reverse("signalling:staff_list")).content.decode()


def test_all_shows_the_open_ones_first_longest_waiting_on_top(client, wijkteam, wijkteam_staff):
    closed = HelpSignalFactory(
        contact_point=wijkteam, status=SignalStatus.CLOSED, closed_at=timezone.now()
    )
    young = HelpSignalFactory(contact_point=wijkteam)
    old = HelpSignalFactory(contact_point=wijkteam)
    HelpSignal.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    client.force_login(wijkteam_staff)
    body = client.get(reverse("signalling:staff_list") + "?status=all").content.decode()
    positions = [body.index(f">Signaal {s.pk}<") for s in (old, young, closed)]
    assert positions == sorted(positions)
