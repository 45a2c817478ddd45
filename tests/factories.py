"""Factories for tests (and nothing else: the demo data has its own module)."""

import datetime as dt

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from initiatives import models
from volunteers.locations import coarse_point, new_location_seed


def square(lon: float, lat: float, half: float = 0.01) -> MultiPolygon:
    return MultiPolygon(
        Polygon.from_bbox((lon - half, lat - half, lon + half, lat + half)), srid=4326
    )


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Municipality
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")
    code = factory.Sequence(lambda n: f"GM{n:04d}")
    boundary = factory.LazyFunction(lambda: square(4.69, 51.81, 0.1))


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Neighbourhood

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    code = factory.Sequence(lambda n: f"WK{n:06d}")
    boundary = factory.LazyFunction(lambda: square(4.69, 51.81, 0.01))


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class TargetGroupFactory(ThemeFactory):
    class Meta:
        model = models.TargetGroup
        django_get_or_create = ("slug",)


class SkillFactory(ThemeFactory):
    class Meta:
        model = models.Skill
        django_get_or_create = ("slug",)


DORDRECHT = Point(4.6901, 51.8133, srid=4326)


class InitiativePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.InitiativePage

    title = factory.Sequence(lambda n: f"Buurthuis {n}")
    intro = "Een plek om elkaar te ontmoeten."
    location = DORDRECHT
    town = "Dordrecht"


class MeetingPlacePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.MeetingPlacePage

    title = factory.Sequence(lambda n: f"Huiskamer {n}")
    intro = "Loop binnen voor koffie en een praatje."
    location = DORDRECHT
    town = "Dordrecht"


class ActivityPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ActivityPage

    title = factory.Sequence(lambda n: f"Koffieochtend {n}")
    intro = "Elke week koffie met de buren."
    starts_on = dt.date(2026, 1, 6)
    start_time = dt.time(10, 0)
    end_time = dt.time(12, 0)
    recurrence = models.pages.Recurrence.WEEKLY
    location = DORDRECHT
    town = "Dordrecht"


class VacancyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.VacancyPage

    title = factory.Sequence(lambda n: f"Gastvrouw of gastheer {n}")
    intro = "Zet koffie en maak een praatje."
    tasks = "<p>Koffie zetten, gasten ontvangen.</p>"
    hours_per_week = 3
    location = DORDRECHT
    town = "Dordrecht"


USER_PASSWORD = "geheim-wachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A user who logs in on the site with email and ``USER_PASSWORD``. The
    email address is verified (allauth's EmailAddress) unless
    ``verified=False``: with mandatory verification an unverified user cannot
    log in."""

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.nl")
    password = factory.django.Password(USER_PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=user, email=user.email, primary=True, verified=extracted is not False
            )


# --- volunteers (profiles and responses) ---
class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    """A profile; pass ``location`` and the coarse point follows, as it does
    in ``services.profile_set_location``."""

    class Meta:
        model = "volunteers.VolunteerProfile"

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Vrijwilliger {n}")
    travel_km = 5
    postcode = ""
    location = None
    location_seed = factory.LazyFunction(new_location_seed)
    coarse_location = factory.LazyAttribute(
        lambda p: p.location and coarse_point(p.location, seed=p.location_seed, postcode=p.postcode)
    )


class InitiativeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.InitiativeMember"

    user = factory.SubFactory(UserFactory)
    initiative = None  # pass one: pages need a parent in the tree

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the service, as the site does: it also fills the group.
        from initiatives.models import InitiativePage
        from initiatives.services import initiative_member_add

        if "initiative_id" in kwargs:
            kwargs["initiative"] = InitiativePage.objects.get(pk=kwargs.pop("initiative_id"))
        return initiative_member_add(**kwargs)


class ResponseFactory(factory.django.DjangoModelFactory):
    """A response made directly, without the service's checks or mail."""

    class Meta:
        model = "volunteers.Response"

    volunteer = factory.SubFactory(UserFactory)
    vacancy = None  # pass one: pages need a parent in the tree
    message = "Ik help graag, op dinsdag kan ik altijd."


# --- help requests ---
class HelpRequestFactory(factory.django.DjangoModelFactory):
    """A help request made directly, without geocoding, moderation or mail."""

    class Meta:
        model = "helprequests.HelpRequest"

    requester = factory.SubFactory(UserFactory)
    kind = "groceries"
    title = factory.Sequence(lambda n: f"Boodschappen doen {n}")
    description = "Ik kan zelf niet meer naar de winkel. Wie helpt?"
    when_text = "dinsdagmiddag"
    postcode = "3311 AB"
    neighbourhood = None
    # As the service sets it: the wijk's gemeente (pass one for a point
    # outside every wijk).
    municipality = factory.LazyAttribute(lambda r: r.neighbourhood and r.neighbourhood.municipality)
    status = "published"
    published_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC))


class HelpOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "helprequests.HelpOffer"

    help_request = factory.SubFactory(HelpRequestFactory)
    volunteer = factory.SubFactory(UserFactory)
    message = "Ik help graag, ik woon om de hoek."


# --- contact points (issue 17) ---
class ContactPointFactory(factory.django.DjangoModelFactory):
    """A contact point; pass ``neighbourhoods=[...]`` and/or
    ``municipalities=[...]`` for the areas it serves."""

    class Meta:
        model = "contactpoints.ContactPoint"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Sociaal wijkteam {n}")
    kind = "wijkteam"
    phone = "078-770 4010"
    email = factory.Sequence(lambda n: f"wijkteam{n}@example.nl")
    walk_in_hours = "ma–vr 9.00–17.00"

    @factory.post_generation
    def neighbourhoods(point, create, extracted, **kwargs):
        if create and extracted:
            point.neighbourhoods.set(extracted)

    @factory.post_generation
    def municipalities(point, create, extracted, **kwargs):
        if create and extracted:
            point.municipalities.set(extracted)


# --- professionals and referrals (issue 17) ---
class ProfessionalProfileFactory(factory.django.DjangoModelFactory):
    """An approved professional unless ``status`` says otherwise."""

    class Meta:
        model = "professionals.ProfessionalProfile"

    user = factory.SubFactory(UserFactory)
    organisation = "Huisartsenpraktijk Wielwijk"
    role = "huisarts"
    work_phone = "078 1112233"
    municipality = factory.SubFactory(MunicipalityFactory)
    status = "approved"
