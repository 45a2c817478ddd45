"""Own data: the download lists a person's sign-ups; erasing the account
deletes them and gives their place to the next on the waiting list."""

from __future__ import annotations

import pytest

from signups import services
from signups.models import Signup, SignupStatus
from tests.factories import UserFactory
from volunteers.privacy import user_data_export, user_delete
from volunteers.privacy_readable import FIELDS

pytestmark = pytest.mark.django_db


def test_download_and_erasure(activity, day):
    user = UserFactory(email="els@example.nl")
    mine = services.signup_create(
        activity=activity, day=day, user=user, name="Els", email=user.email
    )
    for n in range(4):
        services.signup_create(activity=activity, day=day, name=f"P{n}", phone="0612345678")
    waiting = services.signup_create(activity=activity, day=day, name="Wacht", phone="0611111111")
    export = user_data_export(user=user)
    assert export["signups"][0]["activity"] == "Kookclub"
    assert export["signups"][0]["date"] == day.isoformat()
    assert set(export["signups"][0]) <= set(FIELDS["signups"][1])
    user_delete(user=user)
    assert not Signup.objects.filter(pk=mine.pk).exists()
    assert Signup.objects.get(pk=waiting.pk).status == SignupStatus.CONFIRMED
