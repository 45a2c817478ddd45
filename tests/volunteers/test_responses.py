"""Responding to a vacancy ("Ik wil helpen"), the volunteer's list and the
initiative's inbox: rules, mail, permissions and query counts."""

import datetime as dt
import functools

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import reverse

from initiatives.choices import VacancyStatus
from initiatives.models import VacancyPage
from tests.factories import (
    InitiativeMemberFactory,
    InitiativePageFactory,
    ResponseFactory,
    ThemeFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from volunteers.models import Response, ResponseStatus
from volunteers.services import response_create, response_set_status

pytestmark = pytest.mark.django_db

S = ResponseStatus


@pytest.fixture
def initiative(index):
    return InitiativePageFactory(
        parent=index, title="Buurthuis De Sleutel", email="info@desleutel.nl", contact_name="Anja"
    )


@pytest.fixture
def vacancy(initiative):
    return VacancyPageFactory(parent=initiative, title="Gastvrouw koffieochtend")


@pytest.fixture
def volunteer():
    return VolunteerProfileFactory(display_name="Fatima").user


@pytest.fixture
def member(initiative):
    return InitiativeMemberFactory(initiative=initiative).user


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit():`` runs the on_commit callbacks (mail) at its end, as
    a real commit would; the test's own transaction never commits."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def respond_url(vacancy):
    return reverse("volunteers:respond", args=[vacancy.pk])


def test_url_names(vacancy):
    assert respond_url(vacancy) == f"/vacatures/{vacancy.pk}/reageren/"
    assert reverse("volunteers:my_responses") == "/mijn-reacties/"
    assert reverse("volunteers:inbox") == "/inbox/"


# -- creating -----------------------------------------------------------------
def test_create_mails_the_initiative_contact(vacancy, volunteer, commit):
    with commit():
        response = response_create(
            volunteer=volunteer, vacancy=vacancy, message=" Ik kan op dinsdag. "
        )
    assert response.status == S.NEW
    assert response.message == "Ik kan op dinsdag."
    [sent] = mail.outbox
    assert sent.to == ["info@desleutel.nl"]
    assert "Gastvrouw koffieochtend" in sent.subject
    assert "Beste Anja" in sent.body
    assert "Fatima wil helpen" in sent.body
    assert "Ik kan op dinsdag." in sent.body
    assert "/inbox/" in sent.body
    assert volunteer.email not in sent.body  # contact details wait for "in contact"


def test_a_rollback_sends_no_mail(vacancy, volunteer, commit):
    with commit() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        response_create(volunteer=volunteer, vacancy=vacancy, message="Hallo")
        raise RuntimeError("something later failed")
    assert callbacks == []
    assert mail.outbox == []
    assert not Response.objects.exists()


def test_a_second_response_is_refused(vacancy, volunteer):
    response_create(volunteer=volunteer, vacancy=vacancy, message="Hallo")
    with pytest.raises(ValidationError, match="Je hebt al gereageerd"):
        response_create(volunteer=volunteer, vacancy=vacancy, message="Nog eens")
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    "close",
    [
        lambda v: v.unpublish(),
        lambda v: VacancyPage.objects.filter(pk=v.pk).update(status=VacancyStatus.CLOSED),
        lambda v: VacancyPage.objects.filter(pk=v.pk).update(ends_on=dt.date(2020, 1, 1)),
    ],
    ids=["not live", "closed", "ended"],
)
def test_a_closed_vacancy_is_refused(vacancy, volunteer, close):
    close(vacancy)
    with pytest.raises(ValidationError, match="kun je niet meer reageren"):
        response_create(volunteer=volunteer, vacancy=vacancy, message="Hallo")
    assert not Response.objects.exists()


def test_a_full_vacancy_is_refused(vacancy, volunteer):
    ResponseFactory(vacancy=vacancy, status=S.MATCHED)  # volunteers_wanted is 1
    with pytest.raises(ValidationError, match="Alle plekken zijn vervuld"):
        response_create(volunteer=volunteer, vacancy=vacancy, message="Hallo")
    assert Response.objects.count() == 1


def test_respond_view_creates_and_mails(client, vacancy, volunteer, commit):
    client.force_login(volunteer)
    with commit():
        response = client.post(respond_url(vacancy), {"message": "Ik help graag!"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("volunteers:my_responses")
    assert response.content.decode().count("Je reactie is verstuurd") == 1
    assert Response.objects.get().volunteer == volunteer
    assert [m.to for m in mail.outbox] == [["info@desleutel.nl"]]


def test_respond_view_keeps_the_message_on_an_error(client, vacancy, volunteer):
    client.force_login(volunteer)
    response = client.post(respond_url(vacancy), {"message": "x" * 2001})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Gebruik hooguit 2000 tekens." in body
    assert "x" * 2001 in body
    assert not Response.objects.exists()


def test_respond_twice_shows_a_clear_message(client, vacancy, volunteer):
    client.force_login(volunteer)
    client.post(respond_url(vacancy), {"message": "Eerste keer"})
    response = client.post(respond_url(vacancy), {"message": "Tweede keer"}, follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == vacancy.url
    assert "Je hebt al gereageerd" in body
    assert Response.objects.get().message == "Eerste keer"


def test_logged_out_respond_goes_to_login_and_back(client, vacancy):
    response = client.post(respond_url(vacancy), {"message": "Hallo"})
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert "next=" in response["Location"]
    assert not Response.objects.exists()


def test_respond_get_after_login_lands_on_the_vacancy(client, vacancy, volunteer):
    client.force_login(volunteer)
    response = client.get(respond_url(vacancy))
    assert response.status_code == 302
    assert response["Location"].startswith(vacancy.url)


# -- the box on the vacancy page ----------------------------------------------------------
def test_vacancy_page_shows_the_form(client, vacancy, volunteer):
    client.force_login(volunteer)
    body = client.get(vacancy.url).content.decode()
    assert f'action="{respond_url(vacancy)}"' in body
    assert "Ik wil helpen" in body


def test_vacancy_page_asks_a_visitor_to_log_in(client, vacancy):
    body = client.get(vacancy.url).content.decode()
    assert "Log in om te reageren" in body
    assert f'action="{respond_url(vacancy)}"' not in body


def test_vacancy_page_says_already_responded(client, vacancy, volunteer):
    ResponseFactory(vacancy=vacancy, volunteer=volunteer, status=S.IN_CONTACT)
    client.force_login(volunteer)
    body = client.get(vacancy.url).content.decode()
    assert "Je hebt al gereageerd" in body
    assert "in contact" in body
    assert f'action="{respond_url(vacancy)}"' not in body


def test_vacancy_page_says_full(client, vacancy, volunteer):
    ResponseFactory(vacancy=vacancy, status=S.MATCHED)
    client.force_login(volunteer)
    body = client.get(vacancy.url).content.decode()
    assert "Alle plekken zijn vervuld" in body
    assert f'action="{respond_url(vacancy)}"' not in body


# -- status changes -----------------------------------------------------------------
def test_every_status_change_mails_the_volunteer(vacancy, volunteer, member, commit):
    response = ResponseFactory(vacancy=vacancy, volunteer=volunteer)
    with commit():
        response_set_status(response=response, status=S.IN_CONTACT, by=member)
    with commit():
        response_set_status(response=response, status=S.MATCHED, by=member)
    response.refresh_from_db()
    assert response.status == S.MATCHED
    assert response.status_changed_at is not None
    assert [m.to for m in mail.outbox] == [[volunteer.email], [volunteer.email]]
    first, second = mail.outbox
    assert "wil kennismaken" in first.subject
    assert "info@desleutel.nl" in first.body  # now both sides may contact each other
    assert "Je gaat helpen" in second.subject
    assert "gekoppeld" in second.body


def test_declined_mails_the_volunteer(vacancy, volunteer, member, commit):
    response = ResponseFactory(vacancy=vacancy, volunteer=volunteer)
    with commit():
        response_set_status(response=response, status=S.DECLINED, by=member)
    [sent] = mail.outbox
    assert sent.to == [volunteer.email]
    assert "past deze keer niet" in sent.body


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.DECLINED, S.IN_CONTACT),
        (S.MATCHED, S.DECLINED),
        (S.WITHDRAWN, S.NEW),
        (S.IN_CONTACT, S.NEW),
        (S.NEW, "bogus"),
    ],
)
def test_transitions_not_allowed(vacancy, member, start, target):
    response = ResponseFactory(vacancy=vacancy, status=start)
    with pytest.raises(ValidationError):
        response_set_status(response=response, status=target, by=member)
    response.refresh_from_db()
    assert response.status == start


def test_only_the_volunteer_withdraws(vacancy, volunteer, member):
    response = ResponseFactory(vacancy=vacancy, volunteer=volunteer)
    with pytest.raises(PermissionDenied):
        response_set_status(response=response, status=S.WITHDRAWN, by=member)
    with pytest.raises(PermissionDenied):
        response_set_status(response=response, status=S.IN_CONTACT, by=volunteer)
    response.refresh_from_db()
    assert response.status == S.NEW


def test_a_member_of_another_initiative_may_not_change_status(index, vacancy):
    outsider = InitiativeMemberFactory(initiative=InitiativePageFactory(parent=index)).user
    response = ResponseFactory(vacancy=vacancy)
    with pytest.raises(PermissionDenied):
        response_set_status(response=response, status=S.MATCHED, by=outsider)


def test_staff_may_change_status(vacancy):
    staff = UserFactory(is_staff=True)
    response = ResponseFactory(vacancy=vacancy)
    response_set_status(response=response, status=S.IN_CONTACT, by=staff)
    response.refresh_from_db()
    assert response.status == S.IN_CONTACT


def test_matching_the_last_place_fills_the_vacancy(initiative, member):
    vacancy = VacancyPageFactory(parent=initiative, volunteers_wanted=2)
    first, second, third = ResponseFactory.create_batch(3, vacancy=vacancy)
    response_set_status(response=first, status=S.MATCHED, by=member)
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.OPEN
    response_set_status(response=second, status=S.MATCHED, by=member)
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.FILLED
    # The admin edits the latest revision: it must not reopen the vacancy.
    assert vacancy.get_latest_revision_as_object().status == VacancyStatus.FILLED
    assert not vacancy.has_unpublished_changes
    with pytest.raises(ValidationError, match="Alle plekken zijn vervuld"):
        response_set_status(response=third, status=S.MATCHED, by=member)


def test_filling_keeps_a_pending_draft(initiative, member):
    vacancy = VacancyPageFactory(parent=initiative)
    draft = VacancyPage.objects.get(pk=vacancy.pk)
    draft.title = "Nieuwe titel, nog niet gepubliceerd"
    draft.save_revision()
    response_set_status(response=ResponseFactory(vacancy=vacancy), status=S.MATCHED, by=member)
    vacancy.refresh_from_db()
    latest = vacancy.get_latest_revision_as_object()
    assert vacancy.status == VacancyStatus.FILLED
    assert vacancy.title != draft.title
    assert latest.title == draft.title
    assert latest.status == VacancyStatus.FILLED
    assert vacancy.has_unpublished_changes


# -- my responses and withdrawing --------------------------------------------------
def test_my_responses_lists_only_mine(client, vacancy, volunteer):
    mine = ResponseFactory(vacancy=vacancy, volunteer=volunteer, message="Mijn bericht")
    ResponseFactory(vacancy=vacancy, message="Bericht van een ander")
    client.force_login(volunteer)
    body = client.get(reverse("volunteers:my_responses")).content.decode()
    assert "Mijn bericht" in body
    assert "Bericht van een ander" not in body
    assert reverse("volunteers:withdraw", args=[mine.pk]) in body


def test_withdraw_by_the_volunteer(client, vacancy, volunteer, commit):
    response = ResponseFactory(vacancy=vacancy, volunteer=volunteer)
    client.force_login(volunteer)
    with commit():
        page = client.post(reverse("volunteers:withdraw", args=[response.pk]), follow=True)
    response.refresh_from_db()
    assert response.status == S.WITHDRAWN
    assert "is ingetrokken" in page.content.decode()
    # A confirmation to the volunteer, and the initiative stops waiting.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([volunteer.email, "info@desleutel.nl"])


def test_withdraw_someone_elses_response_is_404(client, vacancy, volunteer):
    other = ResponseFactory(vacancy=vacancy)
    client.force_login(volunteer)
    page = client.post(reverse("volunteers:withdraw", args=[other.pk]))
    other.refresh_from_db()
    assert page.status_code == 404
    assert other.status == S.NEW


def test_withdraw_needs_post(client, vacancy, volunteer):
    response = ResponseFactory(vacancy=vacancy, volunteer=volunteer)
    client.force_login(volunteer)
    assert client.get(reverse("volunteers:withdraw", args=[response.pk])).status_code == 405


# -- inbox ---------------------------------------------------------------------------
def test_inbox_shows_responses_to_my_initiatives_only(client, index, vacancy, member):
    ResponseFactory(vacancy=vacancy, message="Voor De Sleutel")
    elsewhere = VacancyPageFactory(parent=InitiativePageFactory(parent=index))
    ResponseFactory(vacancy=elsewhere, message="Voor een ander initiatief")
    client.force_login(member)
    body = client.get(reverse("volunteers:inbox")).content.decode()
    assert "Voor De Sleutel" in body
    assert "Voor een ander initiatief" not in body


def test_inbox_of_a_non_member_shows_nothing(client, vacancy, volunteer):
    ResponseFactory(vacancy=vacancy, message="Geheim bericht")
    client.force_login(volunteer)
    body = client.get(reverse("volunteers:inbox")).content.decode()
    assert "Geheim bericht" not in body
    assert "nog niet gekoppeld aan een initiatief" in body


def test_staff_see_every_response(client, vacancy):
    ResponseFactory(vacancy=vacancy, message="Voor De Sleutel")
    client.force_login(UserFactory(is_staff=True))
    assert "Voor De Sleutel" in client.get(reverse("volunteers:inbox")).content.decode()


def test_inbox_filters_by_status(client, vacancy, member):
    ResponseFactory(vacancy=vacancy, message="Nieuwe reactie")
    ResponseFactory(vacancy=vacancy, message="Al gekoppeld", status=S.MATCHED)
    client.force_login(member)
    body = client.get(reverse("volunteers:inbox"), {"status": "matched"}).content.decode()
    assert "Al gekoppeld" in body
    assert "Nieuwe reactie" not in body


def test_inbox_shows_the_email_only_once_in_contact(client, vacancy, member):
    response = ResponseFactory(vacancy=vacancy)
    email = response.volunteer.email
    client.force_login(member)
    assert email not in client.get(reverse("volunteers:inbox")).content.decode()
    Response.objects.filter(pk=response.pk).update(status=S.IN_CONTACT)
    assert email in client.get(reverse("volunteers:inbox")).content.decode()


def test_inbox_shows_a_profile_only_when_the_volunteer_allows_it(client, vacancy, member):
    hidden = VolunteerProfileFactory(introduction="Verborgen tekst")
    shown = VolunteerProfileFactory(introduction="Zichtbare tekst", visible_to_initiatives=True)
    ResponseFactory(vacancy=vacancy, volunteer=hidden.user)
    ResponseFactory(vacancy=vacancy, volunteer=shown.user)
    client.force_login(member)
    body = client.get(reverse("volunteers:inbox")).content.decode()
    assert "Zichtbare tekst" in body
    assert "Verborgen tekst" not in body


def test_inbox_status_change(client, vacancy, member, commit):
    response = ResponseFactory(vacancy=vacancy)
    client.force_login(member)
    with commit():
        page = client.post(
            reverse("volunteers:set_status", args=[response.pk]),
            {"status": "in_contact", "next": "/inbox/?status=new"},
        )
    response.refresh_from_db()
    assert page["Location"] == "/inbox/?status=new"
    assert response.status == S.IN_CONTACT
    assert [m.to for m in mail.outbox] == [[response.volunteer.email]]


def test_inbox_status_change_ignores_a_foreign_next(client, vacancy, member):
    response = ResponseFactory(vacancy=vacancy)
    client.force_login(member)
    page = client.post(
        reverse("volunteers:set_status", args=[response.pk]),
        {"status": "declined", "next": "https://evil.example/"},
    )
    assert page["Location"] == "/inbox/"


def test_inbox_status_change_on_another_initiative_is_404(client, index, member):
    elsewhere = VacancyPageFactory(parent=InitiativePageFactory(parent=index))
    response = ResponseFactory(vacancy=elsewhere)
    client.force_login(member)
    page = client.post(reverse("volunteers:set_status", args=[response.pk]), {"status": "matched"})
    response.refresh_from_db()
    assert page.status_code == 404
    assert response.status == S.NEW


def test_inbox_refused_transition_is_a_message(client, vacancy, member):
    response = ResponseFactory(vacancy=vacancy, status=S.DECLINED)
    client.force_login(member)
    page = client.post(
        reverse("volunteers:set_status", args=[response.pk]), {"status": "matched"}, follow=True
    )
    response.refresh_from_db()
    assert response.status == S.DECLINED
    assert "kan niet meer" in page.content.decode()


@pytest.mark.parametrize("name", ["volunteers:my_responses", "volunteers:inbox"])
def test_login_required(client, name):
    page = client.get(reverse(name))
    assert page.status_code == 302
    assert page["Location"].startswith(resolve_url(settings.LOGIN_URL))


# -- query counts -------------------------------------------------------------------
def _responses_with_profiles(vacancies, count):
    theme = ThemeFactory()
    for i in range(count):
        profile = VolunteerProfileFactory(visible_to_initiatives=True)
        profile.themes.add(theme)
        ResponseFactory(vacancy=vacancies[i % len(vacancies)], volunteer=profile.user)


def test_inbox_has_no_n_plus_1(client, initiative, member, django_assert_max_num_queries):
    vacancies = VacancyPageFactory.create_batch(3, parent=initiative)
    _responses_with_profiles(vacancies, 12)
    client.force_login(member)
    # 14 today whatever the number of rows (one of them the referrals,
    # referrals/inbox.py; one the audit log's insert of every row shown,
    # docs/security.md); a query per row would add 12.
    with django_assert_max_num_queries(15):
        page = client.get(reverse("volunteers:inbox"))
    assert page.content.decode().count('class="response panel"') == 12


def test_my_responses_has_no_n_plus_1(client, initiative, volunteer, django_assert_max_num_queries):
    for vacancy in VacancyPageFactory.create_batch(12, parent=initiative):
        ResponseFactory(vacancy=vacancy, volunteer=volunteer)
    client.force_login(volunteer)
    # 8 whatever the number of rows (one of them the help offers); a query
    # per row would add 12.
    with django_assert_max_num_queries(10):
        page = client.get(reverse("volunteers:my_responses"))
    assert page.content.decode().count('class="response panel"') == 12


def test_str(vacancy):
    response = ResponseFactory(vacancy=vacancy, volunteer=UserFactory(username="kees"))
    assert str(response) == f"kees → {vacancy.title} (nieuw)"


# -- Django admin: staff link users to initiatives ----------------------------------------
def test_staff_link_a_user_to_an_initiative_in_the_admin(client, initiative):
    admin = UserFactory(is_staff=True, is_superuser=True)
    user = UserFactory()
    client.force_login(admin)
    url = reverse("admin:initiatives_initiativemember_add")
    form = client.get(url)
    assert form.status_code == 200
    assert "Buurthuis De Sleutel" in form.content.decode()
    saved = client.post(url, {"user": user.pk, "initiative": initiative.pk, "role": "manager"})
    assert saved.status_code == 302
    membership = user.initiative_memberships.get()
    assert (membership.initiative, membership.role) == (initiative, "manager")
    assert client.get(reverse("admin:initiatives_initiativemember_changelist")).status_code == 200
    ResponseFactory(vacancy=VacancyPageFactory(parent=initiative))
    for name in ("response", "volunteerprofile"):
        assert client.get(reverse(f"admin:volunteers_{name}_changelist")).status_code == 200


def test_inbox_links_to_suggested_volunteers_for_the_vacancy(client, vacancy, member):
    ResponseFactory(vacancy=vacancy)
    client.force_login(member)
    body = client.get(reverse("volunteers:inbox")).content.decode()
    assert reverse("volunteers:suggestions", args=[vacancy.pk]) in body
