"""What held: every address that takes an id answers 404 for someone else's
object, the same as for an id that does not exist, and changes nothing.

docs/security.md ("Who may see what") lists the addresses; tests/test_security.py
already changes the ids for the obvious intruder (a member of another
initiative, a stranger). These add the insiders who are close to the object
but not its owner (the volunteer on their own response, the initiative on
the volunteer's withdrawal, another requester), requests that stopped being
public, pages that are not live, and the absence of an existence oracle.
"""

import re

import pytest
from django.utils import timezone

from helprequests.models import HelpOffer, HelpRequest
from tests.factories import (
    ActivityPageFactory,
    HelpOfferFactory,
    HelpRequestFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from volunteers.models import Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(index):
    initiative = InitiativePageFactory(parent=index, title="Initiatief A")
    vacancy = VacancyPageFactory(parent=initiative, title="Vacature A", volunteers_wanted=2)
    draft_vacancy = VacancyPageFactory(parent=initiative, title="Concept", live=False)
    activity = ActivityPageFactory(parent=initiative)
    member = InitiativeMemberFactory(initiative=initiative).user
    volunteer = VolunteerProfileFactory().user
    response = ResponseFactory(vacancy=vacancy, volunteer=volunteer)

    requester = VolunteerProfileFactory().user
    help_request = HelpRequestFactory(requester=requester)
    offer = HelpOfferFactory(help_request=help_request, volunteer=volunteer)
    other_requester = VolunteerProfileFactory().user
    own_request = HelpRequestFactory(requester=other_requester)
    HelpOfferFactory(help_request=own_request)
    return {
        "initiative": initiative,
        "vacancy": vacancy,
        "draft_vacancy": draft_vacancy,
        "activity": activity,
        "member": member,
        "volunteer": volunteer,
        "response": response,
        "requester": requester,
        "help_request": help_request,
        "offer": offer,
        "other_requester": other_requester,
    }


def state(scene) -> tuple:
    """Everything the requests below could change."""
    return (
        tuple(Response.objects.order_by("pk").values_list("pk", "status")),
        tuple(HelpOffer.objects.order_by("pk").values_list("pk", "status")),
        tuple(HelpRequest.objects.order_by("pk").values_list("pk", "status")),
    )


# (who, address, data): an insider who is not the object's owner.
INSIDERS = [
    pytest.param(
        "volunteer",
        "/inbox/{response}/status/",
        {"status": "matched"},
        id="volunteer marks own response matched",
    ),
    pytest.param(
        "volunteer",
        "/inbox/{response}/status/",
        {"status": "in_contact"},
        id="volunteer moves own response on",
    ),
    pytest.param("member", "/mijn-reacties/{response}/intrekken/", {}, id="initiative withdraws"),
    pytest.param(
        "other_requester",
        "/mijn-hulpvragen/aanbod/{offer}/accepteren/",
        {},
        id="another requester accepts",
    ),
    pytest.param(
        "member", "/mijn-hulpvragen/aanbod/{offer}/accepteren/", {}, id="initiative accepts"
    ),
]


def without_noise(html: bytes) -> bytes:
    """The page minus what differs on every request: the masked CSRF token
    of the logout form."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


def address(template: str, scene) -> str:
    return template.format(response=scene["response"].pk, offer=scene["offer"].pk)


@pytest.mark.parametrize(("who", "template", "data"), INSIDERS)
def test_insiders_get_404_and_change_nothing(client, scene, who, template, data):
    before = state(scene)
    client.force_login(scene[who])
    response = client.post(address(template, scene), data)
    assert response.status_code == 404
    assert state(scene) == before


@pytest.mark.parametrize(("who", "template", "data"), INSIDERS)
def test_someone_elses_id_looks_like_an_id_that_does_not_exist(client, scene, who, template, data):
    """No oracle: the answer for a foreign id is the answer for a missing one."""
    client.force_login(scene[who])
    foreign = client.post(address(template, scene), data)
    missing = client.post(template.format(response=999_999, offer=999_999), data)
    assert foreign.status_code == missing.status_code == 404
    assert without_noise(foreign.content) == without_noise(missing.content)


def test_the_owners_can_do_what_the_insiders_cannot(client, scene):
    """The same addresses work for the owner: the 404s above are about who
    asks, not a broken address."""
    client.force_login(scene["member"])
    client.post(f"/inbox/{scene['response'].pk}/status/", {"status": "in_contact"})
    client.force_login(scene["requester"])
    client.post(f"/mijn-hulpvragen/aanbod/{scene['offer'].pk}/accepteren/")
    scene["response"].refresh_from_db()
    scene["offer"].refresh_from_db()
    assert scene["response"].status == "in_contact"
    assert scene["offer"].status == "accepted"


@pytest.mark.parametrize("status", ["pending", "rejected", "matched", "closed", "archived"])
def test_a_request_that_is_not_published_takes_no_offer(client, scene, status):
    extra = {"published_at": None} if status in ("pending", "rejected") else {}
    if status == "rejected":
        extra["rejection_reason"] = "Er staat een adres in."
    if status == "archived":
        extra["archived_at"] = timezone.now()
    hidden = HelpRequestFactory(status=status, **extra)
    client.force_login(scene["volunteer"])
    assert client.get(f"/hulpvragen/{hidden.pk}/").status_code == 404
    response = client.post(f"/hulpvragen/{hidden.pk}/", {"message": "Ik help", "website": ""})
    assert response.status_code == 404
    assert not HelpOffer.objects.filter(help_request=hidden).exists()


def test_a_moderator_cannot_judge_a_request_again_by_its_id(client, scene, help_moderator):
    """Moderation takes pending requests only: a published one's id is 404."""
    client.force_login(help_moderator)
    url = f"/hulpvragen/moderatie/{scene['help_request'].pk}/"
    response = client.post(url, {"approve": "0", "reason": "Toch niet."})
    assert response.status_code == 404
    scene["help_request"].refresh_from_db()
    assert scene["help_request"].status == "published"


@pytest.mark.parametrize("page", ["draft_vacancy", "activity", "initiative"])
def test_responding_needs_a_live_vacancy(client, scene, page):
    client.force_login(scene["volunteer"])
    before = Response.objects.count()
    response = client.post(f"/vacatures/{scene[page].pk}/reageren/", {"message": "Ik help"})
    assert response.status_code == 404
    assert Response.objects.count() == before


def test_suggestions_need_a_live_vacancy_even_for_its_own_members(client, scene):
    client.force_login(scene["member"])
    assert client.get(f"/inbox/vacatures/{scene['vacancy'].pk}/suggesties/").status_code == 200
    url = f"/inbox/vacatures/{scene['draft_vacancy'].pk}/suggesties/"
    assert client.get(url).status_code == 404


def test_a_draft_page_is_nowhere_in_public(client, scene):
    draft = scene["draft_vacancy"]
    assert client.get(draft.url_path.removeprefix("/home")).status_code == 404
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    found = client.get("/api/v2/pages/find/", {"html_path": draft.url_path.removeprefix("/home")})
    assert found.status_code == 404
    listed = client.get("/api/v2/pages/", {"type": "initiatives.VacancyPage"}).json()
    assert [item["title"] for item in listed["items"]] == ["Vacature A"]


def test_an_unrelated_user_sees_no_one_elses_lists(client, scene):
    """The list pages are filtered by owner, not only the id addresses."""
    stranger = UserFactory()
    client.force_login(stranger)
    for url, private in [
        ("/mijn-reacties/", "Vacature A"),
        ("/mijn-hulpvragen/", scene["help_request"].title),
        ("/inbox/", scene["response"].message),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert private not in response.content.decode(), url
