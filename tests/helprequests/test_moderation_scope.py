"""Where one installation serves several gemeenten, a moderator of gemeente A
judges A's help requests and registrations and never sees B's: not in the
list, the counts, the dashboard or the mail (issue 16)."""

import functools

import pytest
from django.contrib.auth.models import Group
from django.contrib.gis.geos import Point
from django.core import mail
from django.urls import reverse

from helprequests.models import HelpRequest, HelpRequestStatus
from helprequests.services import help_request_create
from initiatives.models import PostcodeCentroid
from initiatives.permissions import MODERATORS, moderator_emails
from initiatives.querysets import moderated_municipality_ids
from tests.factories import (
    HelpRequestFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    UserFactory,
    VolunteerProfileFactory,
    square,
)

pytestmark = pytest.mark.django_db

IN_A = Point(4.6853, 51.8117, srid=4326)
IN_B = Point(5.1853, 52.2117, srid=4326)
OUTSIDE_WIJKEN_A = Point(4.75, 51.85, srid=4326)  # in gemeente A, in none of its wijken


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def towns():
    a = MunicipalityFactory(name="Dordrecht", boundary=square(4.69, 51.81, 0.1))
    b = MunicipalityFactory(name="Hilversum", boundary=square(5.19, 52.21, 0.1))
    NeighbourhoodFactory(municipality=a, name="Reeland", boundary=square(4.69, 51.81, 0.01))
    NeighbourhoodFactory(municipality=b, name="Kerkelanden", boundary=square(5.19, 52.21, 0.01))
    for postcode, point in [("3311 AB", IN_A), ("1211 AB", IN_B), ("3313 XX", OUTSIDE_WIJKEN_A)]:
        PostcodeCentroid.objects.create(postcode=postcode, point=point, town="x")
    return a, b


def moderator(*municipalities, email=None):
    user = UserFactory(**({"email": email} if email else {}))
    user.groups.add(Group.objects.get(name=MODERATORS))
    for municipality in municipalities:
        municipality.moderators.add(user)
    return user


def ask(postcode: str, title: str = "Boodschappen op dinsdag") -> HelpRequest:
    requester = VolunteerProfileFactory(display_name="Henriëtte Jansen").user
    return help_request_create(
        requester=requester,
        kind="groceries",
        title=title,
        description="Mijn moeder Truus kan niet meer naar de winkel.",
        postcode=postcode,
        asked_for_someone_else=True,
        on_behalf_of="mijn moeder Truus",
    )


def test_a_request_gets_the_gemeente_of_its_public_point_also_outside_the_wijken(towns):
    a, b = towns
    assert ask("3311 AB").municipality == a
    outside = ask("3313 XX")
    # The point lies in no wijk: "(geen wijk)" in the overview, but still A's.
    assert outside.neighbourhood is None and outside.municipality == a
    assert ask("1211 AB").municipality == b


def test_who_moderates_what(towns):
    a, b = towns
    assert moderated_municipality_ids(moderator(a)) == {a.pk}
    assert moderated_municipality_ids(moderator(a, b)) == {a.pk, b.pk}
    assert moderated_municipality_ids(moderator()) is None  # tied to none: all
    assert moderated_municipality_ids(UserFactory(is_superuser=True)) is None


def test_the_moderation_list_shows_only_the_own_gemeente(client, towns):
    a, b = towns
    in_a, in_b = ask("3311 AB", "Vraag uit Dordrecht"), ask("1211 AB", "Vraag uit Hilversum")
    url = reverse("helprequests:help_moderation")
    client.force_login(moderator(a))
    html = client.get(url).text
    assert "Vraag uit Dordrecht" in html and "Vraag uit Hilversum" not in html
    assert "gemeente Dordrecht" in html
    # Nor can A approve B's request by its URL.
    act = reverse("helprequests:help_moderate", args=[in_b.pk])
    assert client.post(act, {"approve": "1"}).status_code == 404
    in_b.refresh_from_db()
    assert in_b.status == HelpRequestStatus.PENDING
    client.post(reverse("helprequests:help_moderate", args=[in_a.pk]), {"approve": "1"})
    in_a.refresh_from_db()
    assert in_a.status == HelpRequestStatus.PUBLISHED

    client.force_login(moderator())  # the region's coordinator: everything
    assert "Vraag uit Hilversum" in client.get(url).text


def test_moderators_of_the_gemeente_are_mailed_without_personal_details(towns, commit):
    a, b = towns
    moderator(a, email="mod-a@example.nl")
    moderator(b, email="mod-b@example.nl")
    moderator(email="regio@example.nl")
    UserFactory(email="gewoon@example.nl")  # not a moderator
    with commit():
        ask("3311 AB")
    [message] = [m for m in mail.outbox if "wacht op goedkeuring" in m.subject]
    assert sorted(message.to) == ["mod-a@example.nl", "regio@example.nl"]
    assert "Dordrecht" in message.subject
    assert reverse("helprequests:help_moderation") in message.body
    requester = HelpRequest.objects.get().requester.email
    for private in ["Henriëtte", "Jansen", requester, "Truus", "3311", "Boodschappen"]:
        assert private not in message.body and private not in message.subject, private


def test_a_second_request_mail_says_how_many_wait(towns, commit):
    a, _ = towns
    moderator(a, email="mod-a@example.nl")
    HelpRequestFactory(municipality=a, status=HelpRequestStatus.PENDING, published_at=None)
    HelpRequestFactory(status=HelpRequestStatus.PENDING, published_at=None)  # no gemeente
    with commit():
        ask("3311 AB")
    assert "Er wachten nu 2 hulpvragen in Dordrecht" in mail.outbox[-1].body


def test_a_request_without_a_gemeente_reaches_only_those_who_moderate_everything(towns):
    a, _ = towns
    moderator(a, email="mod-a@example.nl")
    moderator(email="regio@example.nl")
    assert moderator_emails(None) == ["regio@example.nl"]
    assert moderator_emails(a.pk) == ["mod-a@example.nl", "regio@example.nl"]


def test_nothing_is_mailed_when_the_request_is_rolled_back(towns, commit):
    moderator(towns[0], email="mod-a@example.nl")
    with pytest.raises(RuntimeError), commit():
        from django.db import transaction

        with transaction.atomic():
            ask("3311 AB")
            raise RuntimeError
    assert not mail.outbox


def test_who_may_edit_gemeenten_ties_moderators_to_one_in_the_admin(client, towns):
    a, _ = towns
    mod = moderator(email="mod@example.nl")
    resident = UserFactory(username="inwoner")
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("wagtailsnippets_initiatives_municipality:edit", args=[a.pk])
    html = client.get(url).text
    assert 'name="moderators"' in html and mod.username in html
    assert resident.username not in html  # only members of the Moderatoren group
    response = client.post(
        url, {"name": a.name, "slug": a.slug, "code": a.code, "moderators": [mod.pk]}
    )
    assert response.status_code == 302, response.text
    assert list(a.moderators.all()) == [mod]
    assert moderated_municipality_ids(type(mod).objects.get(pk=mod.pk)) == {a.pk}
    # A moderator cannot widen their own scope: gemeenten are not theirs to edit.
    client.force_login(mod)
    assert client.get(url).status_code in (302, 403)
