"""The municipality finds its own work (issue 16): help-request moderation
and registrations in the admin menu with counts, "Wacht op jou" on the
dashboard, a link in the site header, all limited to the moderator's own
gemeente."""

import datetime as dt
import functools

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.gis.geos import Point
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from helprequests.models import HelpRequest, HelpRequestStatus
from helprequests.waiting import waiting_for
from initiatives.models import InitiativePage, InitiativeRegistration, PostcodeCentroid
from initiatives.permissions import MODERATORS, grant_access
from initiatives.services import initiative_member_add
from tests.factories import (
    HelpRequestFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    UserFactory,
    square,
)

pytestmark = pytest.mark.django_db

HELP_MENU = "Hulpvragen beoordelen"
MODERATION_URL = "/hulpvragen/moderatie/"


@pytest.fixture
def towns():
    return (
        MunicipalityFactory(name="Dordrecht", boundary=square(4.69, 51.81, 0.1)),
        MunicipalityFactory(name="Hilversum", boundary=square(5.19, 52.21, 0.1)),
    )


def moderator(*municipalities, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=MODERATORS))
    for municipality in municipalities:
        municipality.moderators.add(user)
    return user


def pending(municipality, *, days_ago=0):
    request = HelpRequestFactory(
        municipality=municipality, status=HelpRequestStatus.PENDING, published_at=None
    )
    created = timezone.now() - dt.timedelta(days=days_ago)
    HelpRequest.objects.filter(pk=request.pk).update(created_at=created)
    return request


def registration(index, municipality, name):
    page = InitiativePageFactory(parent=index, title=name, live=False)
    InitiativePage.objects.filter(pk=page.pk).update(municipality=municipality)
    return InitiativeRegistration.objects.create(
        name=name, page=page, contact_name="Fatima el Amrani", email="fatima@example.nl"
    )


@pytest.fixture
def work(index, towns):
    a, b = towns
    pending(a, days_ago=3)
    pending(a)
    for _ in range(5):
        pending(b, days_ago=10)
    # Judged long ago: waits no more.
    HelpRequestFactory(municipality=a, status=HelpRequestStatus.REJECTED, rejection_reason="Nee")
    registration(index, a, "Repair Café Wielwijk")
    registration(index, b, "Buurtmoestuin Kerkelanden")
    return a, b


def test_the_admin_menu_shows_what_waits_in_the_own_gemeente(client, work):
    a, _ = work
    client.force_login(moderator(a))
    html = client.get("/admin/").text
    assert f"{HELP_MENU} (2)" in html  # not the 5 of Hilversum
    assert "Aanmeldingen (1)" in html


def test_the_menu_items_are_not_for_an_initiatives_editors(client, index, work):
    initiative = InitiativePageFactory(parent=index)
    grant_access(initiative)
    editor = UserFactory()
    initiative_member_add(user=editor, initiative=initiative)
    client.force_login(editor)
    html = client.get("/admin/").text
    assert HELP_MENU not in html and "Aanmeldingen" not in html and "Wacht op jou" not in html


def test_the_dashboard_says_what_waits_and_for_how_long(client, work):
    a, _ = work
    client.force_login(moderator(a))
    html = client.get("/admin/").text
    assert "Wacht op jou" in html
    assert f'href="{MODERATION_URL}"' in html and 'href="/admin/aanmeldingen/"' in html
    assert "wacht al 3" in html and "dagen" in html  # the oldest of A, not B's 10 days
    assert "wacht al 1" not in html


def test_waiting_counts_per_gemeente(work):
    a, b = work
    region = moderator()
    assert [(w.label, w.count) for w in waiting_for(moderator(a))] == [
        ("Hulpvragen", 2),
        ("Aanmeldingen van initiatieven", 1),
    ]
    assert [w.count for w in waiting_for(moderator(b))] == [5, 1]
    assert [w.count for w in waiting_for(region)] == [7, 2]
    assert waiting_for(UserFactory()) == []


def test_the_dashboard_panel_reads_in_few_queries(work, django_assert_max_num_queries):
    user = moderator(work[0])
    with django_assert_max_num_queries(5):
        waiting_for(user)


def test_a_moderator_only_with_help_request_permission_sees_only_that(work):
    coordinator = UserFactory()
    coordinator.user_permissions.add(Permission.objects.get(codename="moderate_helprequest"))
    assert [w.label for w in waiting_for(coordinator)] == ["Hulpvragen"]


def test_the_site_header_links_moderators_to_the_moderation_screen(client, work):
    a, _ = work
    client.force_login(UserFactory())
    assert HELP_MENU not in client.get("/hulpvragen/").text
    client.force_login(moderator(a))
    html = client.get("/hulpvragen/").text
    assert f'href="{MODERATION_URL}"' in html and HELP_MENU in html
    assert '<span class="badge">2<span class="visually-hidden"> wachten</span>' in html


def test_registrations_of_another_gemeente_are_not_listed_nor_opened(client, work):
    a, b = work
    client.force_login(moderator(a))
    html = client.get(reverse("initiatives_registrations")).text
    assert "Repair Café Wielwijk" in html and "Kerkelanden" not in html
    theirs = InitiativeRegistration.objects.get(name="Buurtmoestuin Kerkelanden")
    assert client.get(reverse("initiatives_registration", args=[theirs.pk])).status_code == 404
    assert (
        client.post(
            reverse("initiatives_registration", args=[theirs.pk]), {"approve": "1"}
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.is_pending


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def test_a_registration_mails_only_the_moderators_of_its_gemeente(client, index, towns, commit):
    a, b = towns
    PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.656, 51.807, srid=4326), town="Dordrecht"
    )
    moderator(a, email="mod-a@example.nl")
    moderator(b, email="mod-b@example.nl")
    client.force_login(UserFactory(email="fatima@example.nl"))
    with commit():
        client.post(
            "/initiatief-aanmelden/",
            {
                "title": "Repair Café Wielwijk",
                "intro": "Samen spullen repareren.",
                "description": "We repareren fietsen.",
                "street": "Bosboom Toussaintstraat",
                "house_number": "3",
                "postcode": "3317ab",
                "contact_name": "Fatima el Amrani",
                "email": "fatima@example.nl",
                "agree": "on",
            },
        )
    [notice] = [m for m in mail.outbox if "Nieuwe aanmelding" in m.subject]
    assert notice.to == ["mod-a@example.nl"]
