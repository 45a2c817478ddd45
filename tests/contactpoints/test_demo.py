"""The demo has a contact point for every demo wijk (its wijkteam or its
gemeente's Wmo-loket), and a member of staff of Sociaal wijkteam Wielwijk
among the demo logins; both safe to run again."""

import io

import pytest
from django.core.management import call_command

from contactpoints.demo import WIELWIJK, load_demo_contact_points
from contactpoints.models import ContactPoint
from contactpoints.services import contact_point_for
from initiatives.demo.places import MUNICIPALITIES
from initiatives.models import Neighbourhood
from tests.initiatives.test_demo_data import demo  # noqa: F401  (a fixture)


@pytest.mark.django_db
def test_every_demo_wijk_has_someone_to_talk_to(demo):  # noqa: F811
    assert load_demo_contact_points() > 0
    count = ContactPoint.objects.count()
    assert load_demo_contact_points() == 0  # safe to run again
    assert ContactPoint.objects.count() == count
    codes = [w.code for spec in MUNICIPALITIES for w in spec.wijken]
    for wijk in Neighbourhood.objects.filter(code__in=codes).select_related("municipality"):
        found = contact_point_for(neighbourhood=wijk)
        assert found is not None, wijk
        assert found.phone and found.walk_in_hours
        assert found.neighbourhoods.filter(pk=wijk.pk).exists() or (
            found.municipalities.filter(pk=wijk.municipality_id).exists()
        )
    wielwijk = Neighbourhood.objects.get(name="Wielwijk")
    assert contact_point_for(neighbourhood=wielwijk).name == WIELWIJK
    assert contact_point_for(municipality=wielwijk.municipality).name == "Wmo-loket Dordrecht"
    assert (
        contact_point_for(municipality=wielwijk.municipality, kind="mantelzorg").name
        == "Mantelzorgsteunpunt Dordrecht"
    )


@pytest.mark.django_db
def test_the_wijkteam_login(demo, settings, tmp_path):  # noqa: F811
    settings.BASE_DIR = tmp_path  # the logins are written below BASE_DIR/.local
    settings.SETTINGS_MODULE = "marketplace.settings.test"
    call_command("ensure_admin", stdout=io.StringIO())
    out = io.StringIO()
    for _ in range(2):  # safe to run again
        call_command("ensure_demo_users", stdout=out)
    assert "wijkteam@meedoen.local (Sociaal wijkteam Wielwijk)" in out.getvalue()
    point = ContactPoint.objects.get(name=WIELWIJK)
    assert [u.email for u in point.staff.all()] == ["wijkteam@meedoen.local"]
    password = (tmp_path / ".local" / "demo-login.txt").read_text().strip()
    assert point.staff.get().check_password(password)
