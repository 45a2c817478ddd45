"""The account menu in the site header follows the person's role: an
initiative's member gets "Mijn initiatief" and the inbox, not the volunteer
menu; someone who is both gets both, once each."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group

from initiatives.permissions import MODERATORS, grant_access
from tests.factories import (
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db

VOLUNTEER_ITEMS = ["Voor jou", "Mijn profiel", "Mijn reacties"]


@pytest.fixture
def own(index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")
    grant_access(initiative)
    return initiative


def account_menu(client, user) -> list[str]:
    client.force_login(user)
    response = client.get("/zoeken/")
    assert response.status_code == 200
    nav = BeautifulSoup(response.content, "html.parser").select_one('nav[aria-label="Account"]')
    return [" ".join(a.get_text(" ", strip=True).split()) for a in nav.select("a")]


def test_volunteer_gets_the_volunteer_menu(client):
    items = account_menu(client, VolunteerProfileFactory().user)
    assert items[:3] == VOLUNTEER_ITEMS
    assert "Mijn gegevens" in items
    assert not any(i.startswith(("Mijn initiatief", "Inbox")) for i in items)


def test_new_account_gets_the_volunteer_menu(client):
    items = account_menu(client, UserFactory())
    assert items[:3] == VOLUNTEER_ITEMS


def test_member_gets_their_initiative_menu(client, own):
    member = InitiativeMemberFactory(initiative=own).user
    ResponseFactory(vacancy=VacancyPageFactory(parent=own))
    items = account_menu(client, member)
    assert items[0] == "Mijn initiatief"
    assert "Inbox 1 nieuw" in items
    assert "Mijn gegevens" in items
    assert not set(VOLUNTEER_ITEMS) & set(items)
    assert "Beheer" not in items  # "Mijn initiatief" is the way into the CMS
    client.force_login(member)
    body = client.get("/zoeken/").content.decode()
    assert 'href="/admin/">Mijn initiatief' in body


def test_member_who_volunteers_gets_both_once(client, own):
    member = InitiativeMemberFactory(initiative=own).user
    VolunteerProfileFactory(user=member)
    items = account_menu(client, member)
    assert set(VOLUNTEER_ITEMS) <= set(items)
    assert "Mijn initiatief" in items
    assert "Inbox" in items
    assert items.count("Mijn gegevens") == 1


def test_staff_keep_beheer(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert "Beheer" in account_menu(client, admin)


def test_moderator_gets_their_work_not_the_volunteer_menu(client):
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    items = account_menu(client, moderator)
    assert "Beheer" in items
    assert any(i.startswith("Hulpvragen beoordelen") for i in items)
    assert not set(VOLUNTEER_ITEMS) & set(items)
    VolunteerProfileFactory(user=moderator)  # also volunteers: then both
    assert set(VOLUNTEER_ITEMS) <= set(account_menu(client, moderator))
