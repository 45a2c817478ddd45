"""Demo accounts to try the volunteer flows with, and their login.

A volunteer with a profile, a member of the first demo initiative (who sees its
inbox), a resident with a published help request, and an approved huisarts
who referred someone to one of the initiative's activities; all with verified email
addresses and one password, random per checkout and kept in
.local/demo-login.txt. The admin's address is verified too, so the admin can
log in on the site and moderate help requests. Also the demo contact points
(contactpoints/demo.py) and a member of staff of Sociaal wijkteam Wielwijk.
Safe to run again.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.gis.db.models.functions import Distance
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Consent
from contactpoints.demo import WIELWIJK, load_demo_contact_points
from contactpoints.models import ContactPoint
from helprequests import services as help_services
from helprequests.models import HelpKind, HelpRequest
from initiatives.management.commands.ensure_admin import stored_password
from initiatives.management.commands.load_demo_data import is_production_settings
from initiatives.models import ActivityPage, InitiativePage, Municipality, PostcodeCentroid, Theme
from initiatives.permissions import ensure_moderation_setup, grant_access
from initiatives.services import initiative_member_add
from professionals.models import ProfessionalProfile, ProfessionalRole
from professionals.services import professional_apply, professional_decide
from referrals.models import PreferredContact, Referral
from referrals.services import referral_create
from signups.demo import load_demo_signups
from volunteers import services

DOMAIN = "meedoen.local"


class Command(BaseCommand):
    help = "Create or reset the demo volunteer, initiative and resident accounts."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Also on production settings.")

    def handle(self, *args, force, **options):
        if is_production_settings() and not force:
            raise CommandError(
                "Dit lijken productie-instellingen; gebruik --force om door te gaan."
            )
        initiative = InitiativePage.objects.live().order_by("path").first()
        if initiative is None or initiative.location is None:
            raise CommandError("Laad eerst de demodata: manage.py load_demo_data")
        # The postcode area nearest to the initiative, so the demo volunteer
        # and the resident live in its neighbourhood.
        postcode = (
            PostcodeCentroid.objects.annotate(d=Distance("point", initiative.location))
            .order_by("d")
            .values_list("postcode", flat=True)
            .first()
        )
        password = stored_password("demo-login.txt")
        with transaction.atomic():
            volunteer = self._user("vrijwilliger", "Sanne", password)
            member = self._user("initiatief", "Karim", password)
            resident = self._user("bewoner", "Els", password)
            moderator = self._user("gemeente", "Mila", password)
            moderator.groups.add(ensure_moderation_setup())
            # The contact points, and a member of staff of Wielwijk's wijkteam.
            load_demo_contact_points()
            ContactPoint.objects.get(name=WIELWIJK).staff.add(
                self._user("wijkteam", "Noor", password)
            )
            admin = get_user_model().objects.filter(username="admin").first()
            if admin is not None:
                self._verify(admin)

            services.profile_update(
                user=volunteer,
                display_name="Sanne",
                postcode=postcode,
                travel_km=10,
                themes=Theme.objects.order_by("name")[:2],
                availability=["tue-afternoon", "thu-morning", "sat-morning"],
                languages=["Nederlands", "Engels"],
                introduction="Ik ben gepensioneerd en help graag een paar uur per week.",
                visible_to_initiatives=True,
            )
            # Its own Wagtail group: the member edits the initiative's pages
            # and submits them to the moderator.
            grant_access(initiative)
            initiative_member_add(user=member, initiative=initiative)
            if not HelpRequest.objects.filter(requester=resident).exists():
                request = help_services.help_request_create(
                    requester=resident,
                    kind=HelpKind.GROCERIES,
                    title="Boodschappen op donderdag",
                    description="Mijn knie is geopereerd; wie doet deze weken de boodschappen?",
                    postcode=postcode,
                    when_text="donderdagochtend",
                )
                if admin is not None:
                    help_services.help_request_moderate(request=request, by=admin, approve=True)

            huisarts = self._user("huisarts", "Anouk", password)
            self._professional(huisarts, initiative, decided_by=admin or moderator)
            # An activity with "aanmelden nodig" and 12 places, a few taken.
            load_demo_signups(initiative=initiative, resident=resident)

        self.stdout.write(
            f"Demo-accounts (wachtwoord '{password}'): vrijwilliger@{DOMAIN} (profiel), "
            f"initiatief@{DOMAIN} (inbox en beheer van {initiative.title}), bewoner@{DOMAIN} "
            f"(hulpvraag), gemeente@{DOMAIN} (moderator), wijkteam@{DOMAIN} ({WIELWIJK}), "
            f"huisarts@{DOMAIN} (professional: verwijzen)"
        )

    @staticmethod
    def _professional(user, initiative, *, decided_by) -> None:
        """An approved huisarts in Dordrecht, with one referral to an activity
        of the initiative (whose member then has it in the inbox)."""
        if not ProfessionalProfile.objects.filter(user=user).exists():
            municipality = (
                Municipality.objects.filter(name="Dordrecht").first() or initiative.municipality
            )
            profile = professional_apply(
                user=user,
                organisation="Huisartsenpraktijk Wielwijk",
                role=ProfessionalRole.HUISARTS,
                work_phone="078 123 45 67",
                municipality=municipality,
            )
            professional_decide(profile=profile, by=decided_by, approve=True)
        activity = ActivityPage.objects.child_of(initiative).live().order_by("path").first()
        if activity is not None and not Referral.objects.filter(professional=user).exists():
            referral_create(
                professional=user,
                page=activity,
                consent_given=True,
                preferred_contact=PreferredContact.PHONE,
                resident_name="Meneer De Vries",
                resident_phone="06 00000000",
                share_name=True,
                share_phone=True,
                note="Woont sinds kort alleen en wil graag mensen ontmoeten.",
                share_note=True,
            )

    def _user(self, name: str, first_name: str, password: str):
        user, _ = get_user_model().objects.get_or_create(
            username=name, defaults={"email": f"{name}@{DOMAIN}", "first_name": first_name}
        )
        user.set_password(password)
        user.save()
        self._verify(user)
        Consent.objects.get_or_create(
            user=user, defaults={"statement_version": settings.PRIVACY_STATEMENT_VERSION}
        )
        return user

    @staticmethod
    def _verify(user) -> None:
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
