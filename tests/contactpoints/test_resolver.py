"""Which contact point a place has (contactpoints.services): the wijk's own
before the gemeente's, inactive ones never, a kind asked for first, a point
through the wijk and gemeente it lies in."""

import pytest

from contactpoints.services import contact_point_for, site_contact_point
from tests.contactpoints.conftest import IN_DORDRECHT, IN_HILVERSUM, IN_WIELWIJK
from tests.factories import ContactPointFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def points(places):
    return {
        "wielwijk": ContactPointFactory(
            name="Sociaal wijkteam Wielwijk", neighbourhoods=[places.wielwijk]
        ),
        "loket": ContactPointFactory(
            name="Wmo-loket Dordrecht", kind="wmo_loket", municipalities=[places.dordrecht]
        ),
        "mantelzorg": ContactPointFactory(
            name="Mantelzorgsteunpunt Dordrecht",
            kind="mantelzorg",
            municipalities=[places.dordrecht],
        ),
    }


def test_the_wijk_before_the_gemeente(places, points):
    assert contact_point_for(neighbourhood=places.wielwijk) == points["wielwijk"]
    assert contact_point_for(neighbourhood=places.wielwijk.pk) == points["wielwijk"]
    assert (
        contact_point_for(neighbourhood=places.wielwijk, municipality=places.dordrecht)
        == points["wielwijk"]
    )


def test_a_wijk_without_its_own_gets_its_gemeentes(places, points):
    assert contact_point_for(neighbourhood=places.crabbehof) == points["loket"]
    # Its id only: the gemeente is found in the same query.
    assert contact_point_for(neighbourhood=places.crabbehof.pk) == points["loket"]
    assert contact_point_for(municipality=places.dordrecht) == points["loket"]


def test_inactive_points_are_skipped(places, points):
    points["wielwijk"].active = False
    points["wielwijk"].save()
    assert contact_point_for(neighbourhood=places.wielwijk) == points["loket"]
    points["loket"].active = False
    points["loket"].save()
    assert contact_point_for(neighbourhood=places.wielwijk) == points["mantelzorg"]
    points["mantelzorg"].active = False
    points["mantelzorg"].save()
    assert contact_point_for(neighbourhood=places.wielwijk) is None


def test_a_kind_asked_for_comes_first(places, points):
    # The gemeente's loket before its mantelzorgsteunpunt in general...
    assert contact_point_for(municipality=places.dordrecht) == points["loket"]
    # ...but a carer's question goes to the steunpunt.
    assert (
        contact_point_for(municipality=places.dordrecht, kind="mantelzorg") == points["mantelzorg"]
    )
    # The wijk's own still comes before a kind found only at the gemeente.
    assert contact_point_for(neighbourhood=places.wielwijk, kind="mantelzorg") == points["wielwijk"]


def test_a_point_resolves_through_its_wijk_and_gemeente(places, points):
    assert contact_point_for(point=IN_WIELWIJK) == points["wielwijk"]
    assert contact_point_for(point=IN_DORDRECHT) == points["loket"]
    assert contact_point_for(point=IN_HILVERSUM) is None


def test_no_place_no_point(places, points):
    assert contact_point_for() is None
    assert contact_point_for(municipality=places.hilversum) is None


def test_one_query_for_an_area(places, points, django_assert_num_queries):
    with django_assert_num_queries(1):
        contact_point_for(neighbourhood=places.crabbehof.pk)


def test_site_wide_only_with_one_gemeente(places, points):
    assert site_contact_point() == points["loket"]
    assert site_contact_point(kind="mantelzorg") == points["mantelzorg"]
    # A wijk's point does not make its gemeente one with a contact point.
    ContactPointFactory(neighbourhoods=[places.kerkelanden])
    assert site_contact_point() == points["loket"]
    # Two gemeenten: no guess which one the visitor lives in.
    ContactPointFactory(kind="wmo_loket", municipalities=[places.hilversum])
    assert site_contact_point() is None


def test_site_wide_none_without_points(places):
    MunicipalityFactory()
    assert site_contact_point() is None


def test_phone_link_has_digits_only(places):
    point = ContactPointFactory(phone="078-770 4010")
    assert point.phone_uri == "tel:0787704010"
    point.phone = "+31 78 770 4010"
    assert point.phone_uri == "tel:+31787704010"
    point.phone = ""
    assert point.phone_uri == ""
