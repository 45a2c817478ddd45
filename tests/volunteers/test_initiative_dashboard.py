"""'Mijn initiatief' on the Wagtail dashboard: a member of an initiative gets
big add buttons under their own initiative, its page, what waits for
approval, the new responses and listings not updated for long; nothing of
another initiative."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from initiatives.permissions import grant_access
from tests.factories import (
    ActivityPageFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")
    grant_access(initiative)
    return initiative


@pytest.fixture
def other(index):
    initiative = InitiativePageFactory(parent=index, title="Stichting Anders")
    grant_access(initiative)
    return initiative


@pytest.fixture
def member(own):
    return InitiativeMemberFactory(initiative=own).user


def _submit(page, user):
    page.save_revision(user=user)
    page.get_workflow().start(page, user)


def _age(page, days):
    Page.objects.filter(pk=page.pk).update(
        last_published_at=timezone.now() - dt.timedelta(days=days)
    )


def panel(client, user) -> str:
    """The panel's HTML only (Wagtail's own panels list the user's pages too)."""
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return "".join(str(s) for s in soup.select('section[id^="mijn-initiatief"]'))


def test_member_sees_big_actions_under_their_own_initiative(client, own, member):
    html = panel(client, member)
    assert "Mijn initiatief: Buurthuis Wielwijk" in html
    for model, label in [
        ("activitypage", "Nieuwe activiteit"),
        ("vacancypage", "Nieuwe vacature"),
        ("meetingplacepage", "Nieuwe ontmoetingsplek"),
    ]:
        assert label in html
        assert f"/admin/pages/add/initiatives/{model}/{own.pk}/" in html
    assert f"/admin/pages/{own.pk}/edit/" in html
    assert own.url in html
    # The buttons lead to a form the member may fill in.
    assert client.get(f"/admin/pages/add/initiatives/activitypage/{own.pk}/").status_code == 200


def test_waiting_inbox_and_stale_are_the_initiatives_own(client, own, other, member):
    ours = ActivityPageFactory(parent=own, title="Taalcafé Wielwijk")
    theirs = ActivityPageFactory(parent=other, title="Breicafé Anders")
    _submit(ours, member)
    _submit(theirs, UserFactory())
    old = VacancyPageFactory(parent=own, title="Gastvrouw gezocht")
    old_theirs = VacancyPageFactory(parent=other, title="Chauffeur Anders")
    _age(old, 400)
    _age(old_theirs, 400)
    ResponseFactory(vacancy=old)
    ResponseFactory(vacancy=old, status="in_contact")  # handled: not waiting
    ResponseFactory(vacancy=old_theirs)
    ResponseFactory(vacancy=old_theirs)

    html = panel(client, member)
    waiting = html.split("Wacht op goedkeuring")[1].split("Lang niet bijgewerkt")[0]
    assert "Taalcafé Wielwijk" in waiting
    stale = html.split("Lang niet bijgewerkt")[1]
    assert "Gastvrouw gezocht" in stale
    assert "Taalcafé" not in stale  # published just now
    assert "Anders" not in html
    inbox = BeautifulSoup(html, "html.parser").select_one("a.mijn-initiatief__inbox")
    assert inbox.get_text(strip=True) == "1 nieuwe reactie van vrijwilligers"
    assert inbox["href"] == reverse("volunteers:inbox") + "?status=new"


def test_stale_follows_the_setting(client, own, member, settings):
    page = ActivityPageFactory(parent=own, title="Wandelclub")
    _age(page, 40)
    assert "Wandelclub" not in panel(client, member).split("Lang niet bijgewerkt")[1]
    settings.LISTING_STALE_DAYS = 30
    assert "Wandelclub" in panel(client, member).split("Lang niet bijgewerkt")[1]


def test_no_panel_for_someone_without_an_initiative(client, own):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert panel(client, admin) == ""


def test_a_draft_initiative_links_to_its_preview(client, index):
    draft = InitiativePageFactory(parent=index, title="Nieuw Buurtinitiatief", live=False)
    grant_access(draft)
    member = InitiativeMemberFactory(initiative=draft).user
    soup = BeautifulSoup(panel(client, member), "html.parser")
    link = soup.find("a", string="Bekijk het concept")
    assert link["href"] == reverse("wagtailadmin_pages:view_draft", args=(draft.pk,))
    assert client.get(link["href"]).status_code == 200
