"""The demo has an activity with "aanmelden nodig" and 12 places, and a few
sign-ups for its next date (issue 18); running it again adds nothing."""

import io

import pytest
from django.core.management import call_command

from tests.initiatives.test_demo_data import demo  # noqa: F401


@pytest.mark.django_db
def test_the_demo_has_an_activity_with_sign_ups(demo, settings, tmp_path):  # noqa: F811
    from signups.models import Signup, SignupStatus

    settings.BASE_DIR = tmp_path  # the logins are written below BASE_DIR/.local
    settings.SETTINGS_MODULE = "marketplace.settings.test"
    call_command("ensure_admin", stdout=io.StringIO())
    for _ in range(2):  # safe to run again
        call_command("ensure_demo_users", stdout=io.StringIO())
    signups = Signup.objects.select_related("slot__activity")
    assert signups.count() == 4
    activity = signups.first().slot.activity
    assert activity.registration_required and activity.capacity == 12
    assert activity.get_parent().title == "Buurthuis Wielwijk"
    assert set(signups.values_list("status", flat=True)) == {SignupStatus.CONFIRMED}
    assert signups.filter(user__email="bewoner@meedoen.local").exists()
