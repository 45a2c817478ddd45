from __future__ import annotations

import functools

import pytest

from signups.services import open_occurrences
from tests.factories import ActivityPageFactory, InitiativeMemberFactory, InitiativePageFactory


@pytest.fixture
def initiative(index):
    return InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")


@pytest.fixture
def activity(initiative):
    """Weekly on Tuesdays, 5 places."""
    return ActivityPageFactory(
        parent=initiative, title="Kookclub", registration_required=True, capacity=5
    )


@pytest.fixture
def day(activity):
    return open_occurrences(activity)[0].date


@pytest.fixture
def member(initiative):
    return InitiativeMemberFactory(initiative=initiative).user


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit():`` runs what waits for the commit (the mails) at the
    end of the block, as the real commit would."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)
