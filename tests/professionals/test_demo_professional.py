"""The demo has an approved huisarts who referred someone to an activity of
Buurthuis Wielwijk (issue 17: "the demo data has a professional account")."""

import io

import pytest
from django.core.management import call_command

from tests.initiatives.test_demo_data import demo  # noqa: F401


@pytest.mark.django_db
def test_the_demo_huisarts_refers(demo, client, settings, tmp_path):  # noqa: F811
    from professionals.models import ProfessionalProfile
    from referrals.models import Referral

    settings.BASE_DIR = tmp_path  # the logins are written below BASE_DIR/.local
    settings.SETTINGS_MODULE = "marketplace.settings.test"
    call_command("ensure_admin", stdout=io.StringIO())
    out = io.StringIO()
    for _ in range(2):  # safe to run again
        call_command("ensure_demo_users", stdout=out)
    assert "huisarts@meedoen.local" in out.getvalue()
    profile = ProfessionalProfile.objects.get(user__email="huisarts@meedoen.local")
    assert profile.approved and profile.role == "huisarts"
    assert profile.organisation == "Huisartsenpraktijk Wielwijk"
    assert profile.municipality.name == "Dordrecht"
    referral = Referral.objects.get(professional=profile.user)
    assert referral.initiative.title == "Buurthuis Wielwijk"
    password = (tmp_path / ".local" / "demo-login.txt").read_text().strip()
    client.post("/account/login/", {"login": "initiatief@meedoen.local", "password": password})
    assert "Meneer De Vries" in client.get("/inbox/").content.decode()
    client.logout()
    client.post("/account/login/", {"login": "huisarts@meedoen.local", "password": password})
    assert referral.page_title in client.get("/mijn-verwijzingen/").content.decode()
