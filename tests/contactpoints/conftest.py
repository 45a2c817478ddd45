import pytest
from django.contrib.gis.geos import Point

from tests.factories import MunicipalityFactory, NeighbourhoodFactory, square

IN_WIELWIJK = Point(4.69, 51.81, srid=4326)
# In Dordrecht, in none of its wijken.
IN_DORDRECHT = Point(4.75, 51.85, srid=4326)
IN_HILVERSUM = Point(5.19, 52.21, srid=4326)


class Places:
    def __init__(self):
        self.dordrecht = MunicipalityFactory(
            name="Dordrecht", slug="dordrecht", code="GM0505", boundary=square(4.69, 51.81, 0.1)
        )
        self.hilversum = MunicipalityFactory(
            name="Hilversum", slug="hilversum", code="GM0402", boundary=square(5.19, 52.21, 0.1)
        )
        self.wielwijk = NeighbourhoodFactory(
            municipality=self.dordrecht,
            name="Wielwijk",
            code="WK050506",
            boundary=square(4.69, 51.81, 0.01),
        )
        self.crabbehof = NeighbourhoodFactory(
            municipality=self.dordrecht,
            name="Crabbehof",
            code="WK050507",
            boundary=square(4.72, 51.78, 0.01),
        )
        self.kerkelanden = NeighbourhoodFactory(
            municipality=self.hilversum,
            name="Kerkelanden",
            code="WK040201",
            boundary=square(5.19, 52.21, 0.01),
        )


@pytest.fixture
def places(db) -> Places:
    return Places()
