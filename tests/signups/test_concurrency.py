"""Capacity holds under concurrent sign-ups (issue 18, "Done when"): 20
people sign up at the same moment for 5 places, each request in its own
thread with its own database connection and transaction. The date's
SignupSlot row is locked while a place is given, so exactly 5 get one and
15 wait, in a line without gaps."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from signups import services
from signups.models import Signup, SignupSlot, SignupStatus
from tests.factories import ActivityPageFactory, InitiativePageFactory

PEOPLE = 20
PLACES = 5


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_sign_ups_for_five_places(index):
    activity = ActivityPageFactory(
        parent=InitiativePageFactory(parent=index),
        registration_required=True,
        capacity=PLACES,
    )
    day = services.open_occurrences(activity)[0].date
    start = threading.Barrier(PEOPLE)
    errors: list[BaseException] = []

    def sign_up(n: int) -> None:
        try:
            start.wait(timeout=30)
            services.signup_create(
                activity=activity, day=day, name=f"Persoon {n}", phone=f"06 1234 56{n:02d}"
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert SignupSlot.objects.count() == 1
    statuses = list(Signup.objects.values_list("status", flat=True))
    assert statuses.count(SignupStatus.CONFIRMED) == PLACES
    assert statuses.count(SignupStatus.WAITING) == PEOPLE - PLACES
    positions = sorted(
        services.waiting_position(s) for s in Signup.objects.filter(status=SignupStatus.WAITING)
    )
    assert positions == list(range(1, PEOPLE - PLACES + 1))
