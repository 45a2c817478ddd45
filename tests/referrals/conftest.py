import functools

import pytest

from tests.factories import (
    ActivityPageFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    ProfessionalProfileFactory,
    UserFactory,
    square,
)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def world(index):
    """Buurthuis Wielwijk with a koffieochtend and a member, another
    initiative with its own member, and an approved huisarts."""
    dordrecht = MunicipalityFactory(name="Dordrecht", boundary=square(4.69, 51.81, 0.1))
    wielwijk = NeighbourhoodFactory(
        municipality=dordrecht, name="Wielwijk", boundary=square(4.69, 51.81, 0.01)
    )
    initiative = InitiativePageFactory(parent=index, title="Buurthuis Wielwijk")
    activity = ActivityPageFactory(parent=initiative, title="Koffieochtend Wielwijk")
    member = InitiativeMemberFactory(initiative=initiative).user
    other = InitiativePageFactory(parent=index, title="Buurthuis Elders")
    other_member = InitiativeMemberFactory(initiative=other).user
    huisarts = ProfessionalProfileFactory(
        user=UserFactory(first_name="Anna", last_name="Arts", email="huisarts@example.nl"),
        municipality=dordrecht,
    ).user
    return {
        "dordrecht": dordrecht,
        "wielwijk": wielwijk,
        "initiative": initiative,
        "activity": activity,
        "member": member,
        "other": other,
        "other_member": other_member,
        "huisarts": huisarts,
    }


def referral_form(**extra) -> dict:
    data = {
        "resident_name": "Truus Qjvbewoner",
        "resident_phone": "06 12345678",
        "resident_email": "truus.qjv@example.nl",
        "note": "Komt graag samen met de buurvrouw qjvnoot.",
        "share_name": "on",
        "share_phone": "on",
        "share_email": "on",
        "share_note": "on",
        "preferred_contact": "phone",
        "consent_given": "on",
    }
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}
