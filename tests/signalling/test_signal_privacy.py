"""A signal reaches nobody but its contact point's staff: the signaller's
own data download has what they wrote (not what the staff did), and search
and the API know nothing of it."""

from __future__ import annotations

import json

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from wagtail.snippets.models import get_snippet_models

from signalling.models import HelpSignal, SignalAccess, SignalStatus
from volunteers.privacy import user_data_export
from volunteers.privacy_readable import readable_export

from .conftest import HelpSignalFactory

pytestmark = pytest.mark.django_db
MARKER = "Zxqwortelboom"


@pytest.fixture
def signal(wijkteam, neighbour):
    return HelpSignalFactory(
        contact_point=wijkteam,
        signaller=neighbour,
        concern=f"{MARKER} zit elke dag alleen.",
        signaller_phone="06-11111111",
        status=SignalStatus.CONTACTED,
        first_contact_at=timezone.now(),
    )


def test_the_download_holds_what_the_signaller_wrote(client, signal, neighbour):
    export = user_data_export(user=neighbour)
    [made] = export["signals_made"]
    assert made["concern"] == f"{MARKER} zit elke dag alleen."
    assert made["resident"] == "mevrouw op nr. 12"
    assert made["phone"] == "06-11111111"
    assert made["sent_to"] == "Sociaal wijkteam Wielwijk"
    # Not what the contact point did with it.
    assert not {"status", "first_contact_at", "closed_at", "accesses"} & set(made)
    client.force_login(neighbour)
    download = client.get(reverse("volunteers:my_data_download"))
    data = json.loads(download.content)
    assert data["signals_made"][0]["concern"].startswith(MARKER)
    titles = [section.title for section in readable_export(export)]
    assert "Signalen die je doorgaf" in titles
    page = client.get(reverse("volunteers:my_data_page")).content.decode()
    assert "Signalen die je doorgaf" in page and f"{MARKER} zit elke dag alleen." in page
    assert "Sociaal wijkteam Wielwijk" in page


def test_staff_download_has_no_signals_they_read(signal, wijkteam_staff):
    assert user_data_export(user=wijkteam_staff)["signals_made"] == []


def test_search_and_api_know_nothing(client, signal, home):
    # Asked for the rest of the text: the pages echo the question, so the
    # marker may only come from the signal itself.
    for url in (
        "/zoeken/?q=zit+elke+dag+alleen",
        "/api/v2/pages/?search=zit+elke+dag+alleen",
        "/hulpvragen/?postcode=3317",
    ):
        response = client.get(url)
        assert MARKER not in response.content.decode(), url


def test_not_in_any_admin_or_snippet_list():
    for model in (HelpSignal, SignalAccess):
        assert model not in admin.site._registry
        assert model not in get_snippet_models()
