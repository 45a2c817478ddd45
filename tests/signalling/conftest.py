"""Places, contact points and people for the signal tests: a gemeente with
the wijk Wielwijk, its wijkteam, the gemeente's loket, and a postcode in
each kind of place."""

from __future__ import annotations

import factory
import pytest
from django.contrib.gis.geos import Point

from contactpoints.models import ContactPointKind
from initiatives.models import PostcodeCentroid
from signalling.models import HelpSignal, SignalConsent, SignallerKind
from tests import factories
from tests.factories import MunicipalityFactory, NeighbourhoodFactory, UserFactory, square

IN_WIELWIJK = "3317 AB"  # inside the wijk
ELSEWHERE_IN_GEMEENTE = "3318 CD"  # in the gemeente, outside the wijk
NOWHERE = "8251 AA"  # in the Netherlands, outside every gemeente we know


class ContactPointFactory(factories.ContactPointFactory):
    """The shared factory, with ``staff=[...]``: who reads its signals."""

    @factory.post_generation
    def staff(point, create, extracted, **kwargs):
        if create and extracted:
            point.staff.set(extracted)


ProfessionalFactory = factories.ProfessionalProfileFactory


class HelpSignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpSignal

    signaller = factory.SubFactory(UserFactory)
    signaller_kind = SignallerKind.NEIGHBOUR
    postcode = "3317"
    resident = "mevrouw op nr. 12"
    concern = "Ik zie haar al een week niet meer buiten en de post stapelt zich op."
    consent = SignalConsent.GIVEN


@pytest.fixture
def dordrecht():
    return MunicipalityFactory(name="Dordrecht", boundary=square(4.69, 51.81, 0.1))


@pytest.fixture
def wielwijk(dordrecht):
    return NeighbourhoodFactory(
        name="Wielwijk", municipality=dordrecht, boundary=square(4.69, 51.81, 0.01)
    )


@pytest.fixture
def postcodes(wielwijk):
    PostcodeCentroid.objects.create(postcode=IN_WIELWIJK, point=Point(4.69, 51.81, srid=4326))
    PostcodeCentroid.objects.create(
        postcode=ELSEWHERE_IN_GEMEENTE, point=Point(4.75, 51.80, srid=4326)
    )
    PostcodeCentroid.objects.create(postcode=NOWHERE, point=Point(5.5, 52.5, srid=4326))


@pytest.fixture
def wijkteam_staff():
    return UserFactory(email="wijkteam@example.nl", first_name="Wendy", last_name="Wijkteam")


@pytest.fixture
def wijkteam(wielwijk, wijkteam_staff):
    point = ContactPointFactory(name="Sociaal wijkteam Wielwijk", staff=[wijkteam_staff])
    point.neighbourhoods.add(wielwijk)
    return point


@pytest.fixture
def loket_staff():
    return UserFactory(email="loket@example.nl")


@pytest.fixture
def loket(dordrecht, loket_staff):
    point = ContactPointFactory(
        name="Wmo-loket Dordrecht", kind=ContactPointKind.WMO_LOKET, staff=[loket_staff]
    )
    point.municipalities.add(dordrecht)
    return point


@pytest.fixture
def neighbour():
    return UserFactory(email="buurman@example.nl")


def form_data(**overrides) -> dict:
    data = {
        "postcode": IN_WIELWIJK,
        "resident": "mevrouw op nr. 12",
        "concern": "Ik zie haar al een week niet meer buiten en de post stapelt zich op.",
        "consent": SignalConsent.GIVEN,
        "no_consent_reason": "",
        "signaller_phone": "",
    }
    data.update(overrides)
    return data
