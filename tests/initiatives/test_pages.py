"""Page tree rules, location validation and wijk/municipality assignment."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from wagtail.models import Page

from initiatives.areas import assign_areas
from initiatives.models import (
    ActivityPage,
    HomePage,
    InitiativeIndexPage,
    InitiativePage,
    MeetingPlacePage,
    PostcodeCentroid,
    VacancyPage,
)
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    VacancyPageFactory,
    square,
)

pytestmark = pytest.mark.django_db


class TestTreeRules:
    def test_allowed_children(self):
        assert InitiativeIndexPage.allowed_subpage_models() == [InitiativePage]
        assert set(InitiativePage.allowed_subpage_models()) == {
            ActivityPage,
            MeetingPlacePage,
            VacancyPage,
        }
        for leaf in (ActivityPage, MeetingPlacePage, VacancyPage):
            assert leaf.allowed_subpage_models() == []
            assert leaf.allowed_parent_page_models() == [InitiativePage]
        assert HomePage.allowed_subpage_models() == [InitiativeIndexPage]

    def test_can_create_at(self, home, index):
        initiative = InitiativePageFactory(parent=index)
        assert InitiativePage.can_create_at(index)
        assert not InitiativePage.can_create_at(home)
        assert ActivityPage.can_create_at(initiative)
        assert not ActivityPage.can_create_at(index)
        assert not VacancyPage.can_create_at(home)
        # Only one home page per site tree.
        assert not HomePage.can_create_at(Page.get_first_root_node())


class TestAreas:
    @pytest.fixture
    def areas(self):
        dordrecht = MunicipalityFactory(
            name="Dordrecht", code="GM0505", boundary=square(4.69, 51.81, 0.05)
        )
        wielwijk = NeighbourhoodFactory(
            municipality=dordrecht, name="Wielwijk", boundary=square(4.655, 51.805, 0.01)
        )
        return dordrecht, wielwijk

    def test_listing_gets_wijk_and_municipality(self, index, areas):
        dordrecht, wielwijk = areas
        page = InitiativePageFactory(parent=index, location=Point(4.656, 51.806, srid=4326))
        assert (page.neighbourhood, page.municipality) == (wielwijk, dordrecht)

    def test_outside_any_wijk_but_inside_the_municipality(self, index, areas):
        dordrecht, _ = areas
        page = InitiativePageFactory(parent=index, location=Point(4.72, 51.83, srid=4326))
        assert (page.neighbourhood, page.municipality) == (None, dordrecht)

    def test_moving_the_point_reassigns(self, index, areas):
        dordrecht, wielwijk = areas
        page = InitiativePageFactory(parent=index, location=Point(4.72, 51.83, srid=4326))
        page.location = Point(4.656, 51.806, srid=4326)
        page.save()
        page.refresh_from_db()
        assert page.neighbourhood == wielwijk

    def test_activity_at_a_meeting_place_takes_its_place(self, index, areas):
        _, wielwijk = areas
        initiative = InitiativePageFactory(parent=index)
        place = MeetingPlacePageFactory(
            parent=initiative,
            street="Bosboom Toussaintstraat",
            house_number="3",
            postcode="3317 AB",
            location=Point(4.656, 51.806, srid=4326),
        )
        activity = ActivityPageFactory(parent=initiative, meeting_place=place, location=None)
        assert activity.location.equals(place.location)
        assert activity.street == "Bosboom Toussaintstraat"
        assert activity.neighbourhood == wielwijk

    def test_bulk_assign_areas(self, index, areas):
        _, wielwijk = areas
        page = InitiativePageFactory(parent=index, location=Point(4.656, 51.806, srid=4326))
        InitiativePage.objects.filter(pk=page.pk).update(neighbourhood=None, municipality=None)
        assert assign_areas(InitiativePage) == 1
        page.refresh_from_db()
        assert page.neighbourhood == wielwijk
        assert assign_areas(InitiativePage) == 0  # nothing left to change


class TestLocationValidation:
    def test_malformed_postcode(self, index):
        page = InitiativePageFactory.build(location=None, postcode="33 17")
        with pytest.raises(ValidationError) as err:
            index.add_child(instance=page)
        assert "geen geldige postcode" in str(err.value.message_dict["postcode"])

    def test_saving_never_geocodes(self, index, settings, no_network):
        """A page with a postcode and no point is not looked up on save (the
        page form does that): the model asks for a place, and nothing leaves
        the machine, however the geocoders are configured."""
        settings.GEOCODERS = ["table", "pdok"]
        PostcodeCentroid.objects.create(postcode="3317 AB", point=Point(4.65, 51.81, srid=4326))
        page = InitiativePageFactory.build(location=None, postcode="3317ab")
        with pytest.raises(ValidationError) as err:
            index.add_child(instance=page)
        assert "Vul een adres" in str(err.value.message_dict["location"])
        assert page.postcode == "3317 AB"  # normalised, and what was typed is kept

    def test_changing_the_address_keeps_the_point(self, index, no_network):
        """Only the editor's form looks a changed address up; a save by code
        (a service, an import) keeps the point it has."""
        page = InitiativePageFactory(parent=index, location=Point(4.65, 51.81, srid=4326))
        page.postcode = "2161 AA"
        page.save()
        page.refresh_from_db()
        assert (page.postcode, page.location.y) == ("2161 AA", pytest.approx(51.81))

    def test_swapped_lat_lon_is_caught(self, index):
        page = InitiativePageFactory.build(location=Point(51.81, 4.69, srid=4326))
        with pytest.raises(ValidationError, match="niet in Nederland"):
            index.add_child(instance=page)

    def test_a_place_is_required_except_from_home(self, index):
        initiative = InitiativePageFactory(parent=index)
        with pytest.raises(ValidationError, match="Vul een adres"):
            initiative.add_child(instance=VacancyPageFactory.build(location=None))
        remote = VacancyPageFactory(parent=initiative, location=None, from_home=True)
        assert remote.location is None and remote.live


class TestActivityRules:
    def test_paid_activity_needs_a_cost(self, index):
        initiative = InitiativePageFactory(parent=index)
        with pytest.raises(ValidationError) as err:
            initiative.add_child(instance=ActivityPageFactory.build(is_free=False, cost=None))
        assert "cost" in err.value.message_dict

    def test_repeat_until_before_start(self, index):
        initiative = InitiativePageFactory(parent=index)
        page = ActivityPageFactory.build(repeat_until=dt.date(2025, 1, 1))
        with pytest.raises(ValidationError) as err:
            initiative.add_child(instance=page)
        assert "repeat_until" in err.value.message_dict

    def test_exceptions_drive_next_occurrences(self, index):
        from initiatives.models import ActivityException
        from initiatives.schedule import TZ

        initiative = InitiativePageFactory(parent=index)
        activity = ActivityPageFactory(parent=initiative, starts_on=dt.date(2026, 4, 20))
        ActivityException.objects.create(
            page=activity, date=dt.date(2026, 4, 27), reason="Koningsdag"
        )
        after = dt.datetime(2026, 4, 21, tzinfo=TZ)
        assert [o.date for o in activity.next_occurrences(2, after=after)] == [
            dt.date(2026, 5, 4),
            dt.date(2026, 5, 11),
        ]
        assert activity.when == "Elke maandag, 10:00–12:00"

    def test_vacancy_open_queryset(self, index):
        initiative = InitiativePageFactory(parent=index)
        open_one = VacancyPageFactory(parent=initiative)
        VacancyPageFactory(parent=initiative, status="filled")
        VacancyPageFactory(
            parent=initiative, starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2020, 2, 1)
        )
        assert list(VacancyPage.objects.open()) == [open_one]
        assert open_one.time_summary() == "3 uur per week"


def test_nearest_first_orders_by_distance(index):
    initiative = InitiativePageFactory(parent=index)
    far = MeetingPlacePageFactory(parent=initiative, location=Point(4.75, 51.83, srid=4326))
    near = MeetingPlacePageFactory(parent=initiative, location=Point(4.69, 51.813, srid=4326))
    middle = MeetingPlacePageFactory(parent=initiative, location=Point(4.71, 51.82, srid=4326))
    here = Point(4.6901, 51.8133, srid=4326)
    qs = MeetingPlacePage.objects.live().nearest_first(here)
    assert list(qs) == [near, middle, far]
    assert list(MeetingPlacePage.objects.near(here, km=1)) == [near]
    annotated = MeetingPlacePage.objects.with_initiative().get(pk=near.pk)
    assert annotated.initiative_title == initiative.title
