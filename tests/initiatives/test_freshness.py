"""Fresh listings (docs/freshness.md): "Klopt dit nog?" once per period, the
confirm link (GET shows, POST confirms; expired and tampered links refused),
"Niet recent bijgewerkt" on the page and its cards, taken offline with a
mail, and vacancies past their end date closing by themselves.

Time moves by the ``now`` given to the service; the pages are read at the
real now, so the walk starts ``START`` days ago."""

from __future__ import annotations

import datetime as dt
import re
import time
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page

from initiatives import freshness
from initiatives.choices import VacancyStatus
from initiatives.dashboard import initiative_overview
from initiatives.freshness_rules import is_stale, period_days, thresholds
from initiatives.hsds import service
from initiatives.models import ActivityPage, MeetingPlacePage, VacancyPage
from tests.factories import (
    ActivityPageFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    UserFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

START = 160  # days ago the listing was last published
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.FRESHNESS_DAYS = {
        "vacancy": 90,
        "activity": 120,
        "meetingplace": 180,
        "initiative": 365,
    }
    settings.FRESHNESS_GRACE_DAYS = 30
    settings.FRESHNESS_OFFLINE_DAYS = 30
    settings.FRESHNESS_LINK_DAYS = 90
    settings.LISTING_STALE_DAYS = 150


def published(page, moment):
    Page.objects.filter(pk=page.pk).update(last_published_at=moment)
    page.refresh_from_db()
    return page


@pytest.fixture
def t0():
    return timezone.now() - dt.timedelta(days=START)


@pytest.fixture
def world(index, t0):
    initiative = published(
        InitiativePageFactory(parent=index, title="Buurthuis De Hoek", email="info@dehoek.nl"),
        t0,
    )
    InitiativeMemberFactory(initiative=initiative, user=UserFactory(email="lid@dehoek.nl"))
    activity = published(ActivityPageFactory(parent=initiative, title="Koffieochtend"), t0)
    return initiative, activity


def run(moment):
    """One run at ``moment``, its mails sent (they go after commit)."""
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        return freshness.freshness_checks_send(now=moment)


def links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def html_of(client, page) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_listing_walks_from_the_question_to_stale_to_offline_and_back(client, world, t0):
    initiative, activity = world

    # Within the period: nothing.
    assert run(t0 + 119 * DAY).mails == 0 and mail.outbox == []

    # Past it: one mail to the member, naming the listing with its links.
    result = run(t0 + 121 * DAY)
    assert result.asked == [activity.pk]
    [message] = mail.outbox
    assert message.to == ["lid@dehoek.nl"]
    assert "Klopt dit nog?" in message.subject and "Buurthuis De Hoek" in message.subject
    assert "Koffieochtend" in message.body
    urls = links(message.body)
    assert any("/klopt-dit-nog/" in u for u in urls)
    assert any(f"/admin/pages/{activity.pk}/edit/" in u for u in urls)
    assert any(u.endswith(activity.url) for u in urls)  # to look at it first
    activity.refresh_from_db()
    assert activity.confirm_requested_at == t0 + 121 * DAY

    # Never twice in a period, whenever the command runs.
    for day in (121, 122, 140):
        assert run(t0 + day * DAY).mails == 0 and mail.outbox == []

    # Today (t0 + 160): past period and grace, so marked on the page and
    # its card, with the date it was last confirmed; still live.
    soup = html_of(client, activity)
    note = soup.select_one(".stale-note")
    assert note is not None and "Niet recent bijgewerkt" in note.text
    assert timezone.localdate(t0).strftime("%Y") in note.text
    card = html_of(client, initiative).select_one(".card-list .stale-note")
    assert card is not None and "Niet recent bijgewerkt" in card.text
    assert activity in ActivityPage.objects.stale(timezone.now())

    # Not offline before period + grace + offline days.
    assert run(t0 + 175 * DAY).taken_offline == [] and mail.outbox == []

    # Then taken offline through Wagtail's unpublish, with one mail.
    result = run(t0 + 182 * DAY)
    assert result.taken_offline == [activity.pk]
    [message] = mail.outbox
    assert message.to == ["lid@dehoek.nl"]
    assert "niet meer op de site" in message.subject
    assert "Koffieochtend" in message.body and "Publiceren" in message.body
    assert any(f"/admin/pages/{activity.pk}/edit/" in u for u in links(message.body))
    activity.refresh_from_db()
    assert not activity.live and activity.taken_offline_at == t0 + 182 * DAY
    assert client.get(activity.url or f"{initiative.url}{activity.slug}/").status_code == 404
    assert list(ActivityPage.objects.taken_offline()) == [activity]
    assert run(t0 + 183 * DAY).mails == 0 and mail.outbox == []

    # Publishing again clears it: live, fresh, no badge.
    activity.save_revision().publish()
    activity.refresh_from_db()
    assert activity.live and not activity.is_stale
    assert not ActivityPage.objects.taken_offline().exists()
    assert html_of(client, activity).select_one(".stale-note") is None
    # The initiative itself (365 days) was never asked.
    assert run(timezone.now()).mails == 0


def test_the_initiative_is_asked_but_never_taken_offline(world, t0):
    initiative, activity = world
    published(initiative, t0 - 300 * DAY)
    result = run(t0 + 121 * DAY)  # 421 days after the initiative's publish
    assert sorted(result.asked) == sorted([initiative.pk, activity.pk])
    assert len(mail.outbox) == 1  # one mail per initiative, listing both
    assert "Buurthuis De Hoek" in mail.outbox[0].body
    result = run(t0 + 400 * DAY)
    assert result.taken_offline == [activity.pk]
    initiative.refresh_from_db()
    assert initiative.live


def test_without_members_the_contact_address_is_asked(index, t0):
    initiative = published(InitiativePageFactory(parent=index, email="info@hoek.nl"), t0)
    published(VacancyPageFactory(parent=initiative), t0)
    run(t0 + 91 * DAY)
    assert [m.to for m in mail.outbox] == [["info@hoek.nl"]]


def test_the_mail_names_only_the_initiatives_own_listings(index, t0):
    ours = published(InitiativePageFactory(parent=index, email="a@ons.nl"), t0)
    theirs = published(InitiativePageFactory(parent=index, email="b@hun.nl"), t0)
    published(ActivityPageFactory(parent=ours, title="Onze koffie"), t0)
    published(ActivityPageFactory(parent=theirs, title="Hun koffie"), t0)
    run(t0 + 121 * DAY)
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert "Onze koffie" in by_address["a@ons.nl"] and "Hun koffie" not in by_address["a@ons.nl"]
    assert "Hun koffie" in by_address["b@hun.nl"] and "Onze koffie" not in by_address["b@hun.nl"]


def test_periods_differ_per_type(index, t0):
    initiative = published(InitiativePageFactory(parent=index), t0)
    vacancy = published(VacancyPageFactory(parent=initiative), t0)
    place = published(MeetingPlacePageFactory(parent=initiative), t0)
    assert run(t0 + 91 * DAY).asked == [vacancy.pk]
    assert run(t0 + 181 * DAY).asked == [place.pk]


def test_the_command_is_safe_to_run_again(world, t0):
    initiative, activity = world
    published(activity, timezone.now() - 121 * DAY)
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_freshness_checks", stdout=out)
    assert "asked: 1" in out.getvalue() and len(mail.outbox) == 1
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_freshness_checks", stdout=StringIO())
    assert len(mail.outbox) == 1


# -- the confirm link ---------------------------------------------------------
def old_token(page_pk: int, days: int) -> str:
    class Backdated(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 86400)

    return Backdated(salt=freshness.CONFIRM_SALT).sign_object({"page": page_pk}, compress=True)


@pytest.fixture
def stale(world):
    _, activity = world
    published(activity, timezone.now() - 200 * DAY)
    run(timezone.now())
    activity.refresh_from_db()
    assert activity.is_stale and activity.confirm_requested_at
    return activity


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_the_confirm_link_shows_a_button_and_only_a_post_confirms(client, stale):
    url = path_of(freshness.confirm_url(stale))
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Koffieochtend" in soup.text
    assert soup.select_one("form[method=post] button[type=submit]") is not None
    stale.refresh_from_db()
    assert stale.confirmed_at is None and stale.is_stale  # GET changed nothing
    assert client.put(url).status_code == 405

    response = client.post(url)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    stale.refresh_from_db()
    assert stale.confirmed_at is not None and not stale.is_stale
    assert html_of(client, stale).select_one(".stale-note") is None
    # A new period: neither asked again now nor counted as asked.
    assert not ActivityPage.objects.confirm_due(timezone.now()).exists()
    assert run(timezone.now()).mails == 0
    # Asked again after the next period.
    assert run(timezone.now() + 121 * DAY).asked == [stale.pk]


def test_an_expired_link_confirms_nothing(client, stale):
    url = f"/klopt-dit-nog/{old_token(stale.pk, 91)}/"
    assert client.get(url).status_code == 410
    response = client.post(url)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    stale.refresh_from_db()
    assert stale.confirmed_at is None
    # Within the link's days it works.
    assert client.post(f"/klopt-dit-nog/{old_token(stale.pk, 89)}/").status_code == 302


@pytest.mark.parametrize("how", ["tampered", "other_salt", "not_a_listing", "gone"])
def test_a_tampered_link_confirms_nothing(client, stale, home, how):
    token = freshness.confirm_token(stale)
    if how == "tampered":
        token = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    elif how == "other_salt":
        token = signing.dumps({"page": stale.pk}, salt="initiatives.registration.confirm")
    elif how == "not_a_listing":
        token = signing.dumps({"page": home.pk}, salt=freshness.CONFIRM_SALT)
    else:
        token = signing.dumps({"page": 10**9}, salt=freshness.CONFIRM_SALT)
    response = client.post(f"/klopt-dit-nog/{token}/")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    stale.refresh_from_db()
    assert stale.confirmed_at is None


def test_confirmations_are_rate_limited_per_client(client, stale, settings):
    settings.VOLUNTEER_RATE_LIMITS = {**settings.VOLUNTEER_RATE_LIMITS, "listing_confirm": "1/h"}
    url = path_of(freshness.confirm_url(stale))
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 429


def test_confirming_an_offline_listing_keeps_it_offline(client, world, t0):
    _, activity = world
    run(t0 + 121 * DAY)
    run(t0 + 182 * DAY)
    activity.refresh_from_db()
    assert not activity.live
    url = path_of(freshness.confirm_url(activity))
    assert "niet op de site" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    activity.refresh_from_db()
    assert not activity.live and activity.confirmed_at is not None


def test_publishing_an_older_revision_keeps_the_confirmation(world):
    _, activity = world
    revision = activity.save_revision()
    freshness.listing_confirm(page=activity)
    confirmed = ActivityPage.objects.get(pk=activity.pk).confirmed_at
    revision.publish()
    assert ActivityPage.objects.get(pk=activity.pk).confirmed_at == confirmed


def test_a_confirmation_takes_a_listing_off_the_dashboards_stale_list(world):
    initiative, activity = world
    [stale] = initiative_overview(initiative).stale  # 160 days > LISTING_STALE_DAYS
    assert stale.pk == activity.pk
    freshness.listing_confirm(page=activity)
    assert initiative_overview(initiative).stale == []


def test_a_kind_left_out_of_the_setting_keeps_its_default(settings):
    settings.FRESHNESS_DAYS = {"vacancy": "7"}
    assert [period_days(k) for k in ("vacancy", "activity", "meetingplace")] == [7, 120, 180]
    settings.FRESHNESS_DAYS = {"vacatures": "7"}
    with pytest.raises(ImproperlyConfigured):
        period_days("vacancy")


def test_the_rules_in_days():
    now = timezone.now()
    t = thresholds("vacancy", now)
    assert (now - t.ask_before).days == 90
    assert (now - t.stale_before).days == 120
    assert (now - t.offline_before).days == 150
    assert not is_stale("vacancy", None, now)
    assert is_stale("vacancy", now - 121 * DAY, now)
    assert not is_stale("vacancy", now - 119 * DAY, now)


# -- vacancies past their end date -------------------------------------------
def test_vacancies_past_their_end_date_close_by_themselves(index):
    initiative = InitiativePageFactory(parent=index)
    today = timezone.localdate()
    ended = VacancyPageFactory(parent=initiative, ends_on=today - DAY, title="Voorbij")
    ended.save_revision()
    running = VacancyPageFactory(parent=initiative, ends_on=today, title="Vandaag nog")
    forever = VacancyPageFactory(parent=initiative, title="Altijd")
    filled = VacancyPageFactory(parent=initiative, ends_on=today - DAY, status=VacancyStatus.FILLED)
    assert set(VacancyPage.objects.open()) == {running, forever}  # already hidden

    result = run(timezone.now())
    assert result.closed == [ended.pk]
    statuses = dict(VacancyPage.objects.values_list("pk", "status"))
    assert statuses[ended.pk] == VacancyStatus.CLOSED
    assert statuses[running.pk] == statuses[forever.pk] == VacancyStatus.OPEN
    assert statuses[filled.pk] == VacancyStatus.FILLED
    ended.refresh_from_db()
    assert ended.latest_revision.content["status"] == VacancyStatus.CLOSED
    assert not ended.is_open
    assert run(timezone.now()).closed == []


# -- HSDS ------------------------------------------------------------------------
def test_hsds_carries_the_assured_date_and_last_modified(world, t0):
    initiative, activity = world
    item = service(activity, initiative.pk)
    assert item["assured_date"] == timezone.localdate(t0).isoformat()
    assert item["last_modified"] == t0.isoformat()
    freshness.listing_confirm(page=activity)
    activity = ActivityPage.objects.get(pk=activity.pk)
    item = service(activity, initiative.pk)
    assert item["assured_date"] == timezone.localdate().isoformat()
    assert item["last_modified"] == t0.isoformat()  # confirmed, not changed


def test_a_never_published_place_has_no_assured_date(index):
    initiative = InitiativePageFactory(parent=index)
    place = MeetingPlacePageFactory(parent=initiative)
    assert MeetingPlacePage.objects.get(pk=place.pk).last_published_at is None
    assert "assured_date" not in service(place, initiative.pk)
