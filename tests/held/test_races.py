"""What held: every race on responses, offers and approvals ends with one result.

Two requests for the same thing arrive at once (a double click, two tabs,
two moderators): each runs in its own thread with its own database
connection, through the real views, and the outcome must be what one of
them alone would have made: one row, one decision, one set of mails, and
no server error for the loser.

A race that only *can* happen proves little if the threads happen to run
one after the other, so each test holds the first request inside its
critical section for a moment (`slowed`): the step between the check and
the write sleeps, so the second request arrives while the first is
deciding. Without the row locks (select_for_update) and the unique
constraints the services rely on, these tests fail.
"""

import functools
import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.contrib.gis.geos import Point
from django.core import mail
from django.db import connections
from django.test import Client
from wagtail.models import PageLogEntry, Revision, WorkflowState

from helprequests.models import HelpOffer, HelpRequest
from initiatives import services as registration_services
from initiatives.models import (
    InitiativeAccess,
    InitiativeMember,
    InitiativePage,
    InitiativeRegistration,
    PostcodeCentroid,
)
from initiatives.permissions import MODERATORS
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
from volunteers import services as response_services
from volunteers.models import Response

pytestmark = pytest.mark.django_db(transaction=True)

PAUSE = 0.4  # seconds the first request holds its critical section


@pytest.fixture(scope="module", autouse=True)
def _put_back_what_the_flushes_removed(django_db_blocker):
    """Transactional tests end with a flush, which also empties what the
    migrations made (the page tree, the root collection, the workflow).
    Within a session those tests run last; but a database kept with
    --reuse-db would start the next session without them. Put them back
    once this module is done."""
    yield
    from wagtail.models import Site

    from initiatives.models import HomePage, InitiativeIndexPage
    from tests.conftest import _restore_migrated_basics

    with django_db_blocker.unblock():
        if HomePage.objects.exists():
            return
        root = _restore_migrated_basics()
        home = root.add_child(
            instance=HomePage(
                title="Meedoen",
                slug="home",
                intro="Doe mee in je buurt: ontmoeten, meedoen, helpen.",
            )
        )
        home.add_child(
            instance=InitiativeIndexPage(
                title="Initiatieven",
                slug="initiatieven",
                intro="Buurthuizen, stichtingen en buurtgroepen die iets organiseren.",
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Meedoen",
            },
        )


def at_once(*requests, timeout=30):
    """Run the callables in threads released together; returns their
    results (or the exception each raised)."""
    barrier = threading.Barrier(len(requests))
    results: list = [None] * len(requests)

    def run(i, request):
        try:
            barrier.wait(timeout)
            results[i] = request()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a request hangs (deadlock?)"
    return results


def slowed(monkeypatch, owner, name):
    """Make ``owner.name`` sleep after it runs, inside the caller's
    transaction: the window between check and write, held open."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def slow(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(PAUSE)
        return result

    monkeypatch.setattr(owner, name, slow)


def browser(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def post(client: Client, url: str, data=None):
    return lambda: client.post(url, data or {})


def assert_answered(results) -> None:
    """Every request got an answer (a redirect or a page), none a crash.
    (Django's test client re-raises a view's exception in every client that
    is waiting at the time, so one crash shows up in both results.)"""
    for result in results:
        assert not isinstance(result, BaseException), repr(result)
        assert result.status_code in (200, 302), result.status_code


def mails_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


# -- responses to vacancies -------------------------------------------------------------
@pytest.fixture
def vacancy(index):
    initiative = InitiativePageFactory(parent=index, email="info@buurthuis.nl")
    return VacancyPageFactory(parent=initiative, volunteers_wanted=1)


def test_a_double_click_on_respond_makes_one_response(monkeypatch, vacancy):
    slowed(monkeypatch, response_services, "vacancy_refusal")
    volunteer = VolunteerProfileFactory().user
    url = f"/vacatures/{vacancy.pk}/reageren/"
    results = at_once(
        post(browser(volunteer), url, {"message": "Ik help graag."}),
        post(browser(volunteer), url, {"message": "Ik help graag."}),
    )
    assert_answered(results)
    assert Response.objects.filter(vacancy=vacancy, volunteer=volunteer).count() == 1
    assert len(mails_to("info@buurthuis.nl")) == 1


def test_two_members_matching_the_last_place_fill_it_once(monkeypatch, vacancy):
    slowed(monkeypatch, response_services, "vacancy_places_left")
    first, second = ResponseFactory(vacancy=vacancy), ResponseFactory(vacancy=vacancy)
    initiative = vacancy.get_parent()
    member_a = InitiativeMemberFactory(initiative_id=initiative.pk).user
    member_b = InitiativeMemberFactory(initiative_id=initiative.pk).user
    results = at_once(
        post(browser(member_a), f"/inbox/{first.pk}/status/", {"status": "matched"}),
        post(browser(member_b), f"/inbox/{second.pk}/status/", {"status": "matched"}),
    )
    assert_answered(results)
    statuses = sorted(Response.objects.filter(vacancy=vacancy).values_list("status", flat=True))
    assert statuses == ["matched", "new"]
    vacancy.refresh_from_db()
    assert vacancy.status == "filled"
    matched = Response.objects.get(vacancy=vacancy, status="matched")
    other = Response.objects.get(vacancy=vacancy, status="new")
    assert len(mails_to(matched.volunteer.email)) == 1
    assert mails_to(other.volunteer.email) == []


def test_a_withdrawal_racing_a_match_ends_in_one_of_them(monkeypatch, vacancy):
    slowed(monkeypatch, response_services, "is_initiative_member")
    slowed(monkeypatch, Response, "full_clean")
    response = ResponseFactory(vacancy=vacancy)
    member = InitiativeMemberFactory(initiative_id=vacancy.get_parent().pk).user
    results = at_once(
        post(browser(response.volunteer), f"/mijn-reacties/{response.pk}/intrekken/"),
        post(browser(member), f"/inbox/{response.pk}/status/", {"status": "matched"}),
    )
    assert_answered(results)
    response.refresh_from_db()
    vacancy.refresh_from_db()
    assert response.status in ("withdrawn", "matched")
    assert (vacancy.status == "filled") == (response.status == "matched")
    # One change, so one mail about it to the volunteer.
    assert len(mails_to(response.volunteer.email)) == 1


# -- offers of help and accepting them -------------------------------------------------
@pytest.fixture
def help_request(db):
    requester = VolunteerProfileFactory(user__email="hulpvrager@example.nl").user
    return HelpRequestFactory(requester=requester)


def test_a_double_click_on_offer_makes_one_offer(monkeypatch, help_request):
    slowed(monkeypatch, HelpOffer, "full_clean")
    volunteer = VolunteerProfileFactory().user
    url = f"/hulpvragen/{help_request.pk}/"
    data = {"message": "Ik kan dinsdag.", "website": ""}
    results = at_once(post(browser(volunteer), url, data), post(browser(volunteer), url, data))
    assert_answered(results)
    assert HelpOffer.objects.filter(help_request=help_request, volunteer=volunteer).count() == 1
    assert len(mails_to("hulpvrager@example.nl")) == 1


def test_accepting_two_offers_at_once_accepts_one(monkeypatch, help_request):
    slowed(monkeypatch, HelpRequest, "save")
    first = HelpOfferFactory(help_request=help_request, volunteer__email="eerste@example.nl")
    second = HelpOfferFactory(help_request=help_request, volunteer__email="tweede@example.nl")
    requester = help_request.requester
    results = at_once(
        post(browser(requester), f"/mijn-hulpvragen/aanbod/{first.pk}/accepteren/"),
        post(browser(requester), f"/mijn-hulpvragen/aanbod/{second.pk}/accepteren/"),
    )
    assert_answered(results)
    statuses = dict(HelpOffer.objects.values_list("volunteer__email", "status"))
    assert sorted(statuses.values()) == ["accepted", "declined"]
    help_request.refresh_from_db()
    assert help_request.status == "matched"
    # Only the accepted volunteer and the requester learn each other's address.
    winner = next(email for email, status in statuses.items() if status == "accepted")
    loser = next(email for email, status in statuses.items() if status == "declined")
    to_requester = "\n".join(m.body for m in mails_to("hulpvrager@example.nl"))
    assert winner in to_requester and loser not in to_requester
    assert all("hulpvrager@example.nl" not in m.body for m in mails_to(loser))
    assert len(mails_to(winner)) == 1


def test_a_double_click_on_accept_accepts_once(monkeypatch, help_request):
    slowed(monkeypatch, HelpRequest, "save")
    offer = HelpOfferFactory(help_request=help_request, volunteer__email="helper@example.nl")
    requester = help_request.requester
    url = f"/mijn-hulpvragen/aanbod/{offer.pk}/accepteren/"
    results = at_once(post(browser(requester), url), post(browser(requester), url))
    assert_answered(results)
    offer.refresh_from_db()
    assert offer.status == "accepted"
    assert len(mails_to("helper@example.nl")) == 1
    assert len(mails_to("hulpvrager@example.nl")) == 1


def test_an_offer_racing_an_accept_is_never_left_waiting(monkeypatch, help_request):
    """Either the new offer came first (and is declined with the others) or
    it is refused: no volunteer waits on a request that found its helper."""
    slowed(monkeypatch, HelpRequest, "save")
    slowed(monkeypatch, HelpOffer, "full_clean")
    offer = HelpOfferFactory(help_request=help_request)
    late = VolunteerProfileFactory().user
    accept = f"/mijn-hulpvragen/aanbod/{offer.pk}/accepteren/"
    offer_help = f"/hulpvragen/{help_request.pk}/"
    results = at_once(
        post(browser(help_request.requester), accept),
        post(browser(late), offer_help, {"message": "Ik ook", "website": ""}),
    )
    assert_answered(results)
    help_request.refresh_from_db()
    assert help_request.status == "matched"
    assert not HelpOffer.objects.filter(help_request=help_request, status="offered").exists()


# -- moderating help requests ------------------------------------------------------------
def test_two_moderators_deciding_one_help_request_decide_once(monkeypatch, help_moderator):
    slowed(monkeypatch, HelpRequest, "full_clean")
    pending = HelpRequestFactory(
        status="pending", published_at=None, requester__email="vrager@example.nl"
    )
    other_moderator = UserFactory(is_staff=True)
    url = f"/hulpvragen/moderatie/{pending.pk}/"
    results = at_once(
        post(browser(help_moderator), url, {"approve": "1"}),
        post(browser(other_moderator), url, {"approve": "0", "reason": "Er staat een adres in."}),
    )
    assert_answered(results)
    pending.refresh_from_db()
    assert pending.status in ("published", "rejected")
    assert (pending.rejection_reason == "") == (pending.status == "published")
    assert (pending.published_at is not None) == (pending.status == "published")
    assert len(mails_to("vrager@example.nl")) == 1


# -- approving registrations --------------------------------------------------------------
@pytest.fixture
def registration(index):
    PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.656, 51.807, srid=4326), town="Dordrecht"
    )
    Client().post(
        "/initiatief-aanmelden/",
        {
            "title": "Repair Café",
            "intro": "Samen repareren.",
            "postcode": "3317 AB",
            "contact_name": "Fatima el Amrani",
            "email": "fatima@example.nl",
            "agree": "on",
        },
    )
    registration = registration_services.confirm_registration(InitiativeRegistration.objects.get())
    mail.outbox.clear()
    return registration


def moderator():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def test_two_moderators_approving_one_registration_approve_once(monkeypatch, registration):
    slowed(monkeypatch, registration_services, "_lock_pending")
    url = f"/admin/aanmeldingen/{registration.pk}/"
    results = at_once(
        post(browser(moderator()), url, {"approve": "1"}),
        post(browser(moderator()), url, {"approve": "1", "trusted": "on"}),
    )
    assert_answered(results)
    registration.refresh_from_db()
    assert registration.status == "approved"
    assert InitiativeAccess.objects.filter(initiative_id=registration.page_id).count() == 1
    assert Group.objects.filter(name__startswith=f"Initiatief {registration.page_id}:").count() == 1
    members = InitiativeMember.objects.filter(initiative_id=registration.page_id)
    assert list(members.values_list("user_id", flat=True)) == [registration.applicant_id]
    assert len(mails_to("fatima@example.nl")) == 1


def test_an_approval_racing_a_rejection_decides_once(monkeypatch, registration):
    slowed(monkeypatch, registration_services, "_lock_pending")
    url = f"/admin/aanmeldingen/{registration.pk}/"
    page_id, applicant_id = registration.page_id, registration.applicant_id
    results = at_once(
        post(browser(moderator()), url, {"approve": "1"}),
        post(browser(moderator()), url, {"approve": "0", "reason": "Geen initiatief."}),
    )
    assert_answered(results)
    registration.refresh_from_db()
    page = InitiativePage.objects.filter(pk=page_id).first()
    if registration.status == "approved":
        assert page is not None and page.live
        assert InitiativeMember.objects.filter(user_id=applicant_id).exists()
    else:
        assert registration.status == "rejected"
        assert page is None
        assert not InitiativeAccess.objects.exists()
    assert len(mails_to("fatima@example.nl")) == 1


def test_two_confirmations_for_one_new_address_make_one_account_and_no_error(monkeypatch, index):
    """Not an approval, but the same kind of race: someone registers two
    initiatives with a new address and presses both mailed links at once.
    (A double click on "Verstuur" now only makes two unconfirmed
    registrations; the account is made on confirmation.) Both confirmations
    look for an account for the address before either has made it."""
    from allauth.account.adapter import get_adapter
    from django.contrib.auth import get_user_model

    # Between the check for an existing account and the insert.
    slowed(monkeypatch, type(get_adapter()), "generate_unique_username")
    PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.656, 51.807, srid=4326), town="Dordrecht"
    )
    data = {
        "intro": "Samen repareren.",
        "postcode": "3317 AB",
        "contact_name": "Fatima el Amrani",
        "email": "fatima@example.nl",
        "agree": "on",
    }
    for title in ("Repair Café", "Naaicafé"):
        assert Client().post("/initiatief-aanmelden/", {**data, "title": title}).status_code == 302
    links = [
        registration_services.confirmation_path(r)
        for r in InitiativeRegistration.objects.order_by("pk")
    ]
    results = at_once(*(post(Client(), link) for link in links))

    assert_answered(results)
    accounts = get_user_model().objects.filter(email__iexact="fatima@example.nl")
    assert accounts.count() == 1
    assert set(InitiativeRegistration.objects.values_list("status", "applicant")) == {
        ("pending", accounts.get().pk)
    }


# -- approving pages in Wagtail's workflow -------------------------------------------------
def test_two_moderators_approving_one_page_publish_it_once(monkeypatch, index):
    slowed(monkeypatch, Revision, "publish")
    initiative = InitiativePageFactory(parent=index)
    page = ActivityPageFactory(parent=initiative, live=False)
    page.save_revision()
    workflow_state = page.get_workflow().start(page, UserFactory())
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{workflow_state.current_task_state.pk}/"
    results = at_once(
        post(browser(moderator()), url, {"comment": ""}),
        post(browser(moderator()), url, {"comment": ""}),
    )
    assert_answered(results)
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert type(page).objects.get(pk=page.pk).live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
