from .geography import Municipality, Neighbourhood, PlaceName, PostcodeCentroid, Woonplaats
from .membership import InitiativeMember, MemberRole
from .pages import (
    ActivityException,
    ActivityPage,
    HomePage,
    InitiativeIndexPage,
    InitiativePage,
    MeetingPlacePage,
    OpeningHours,
    VacancyPage,
)
from .registration import InitiativeAccess, InitiativeRegistration, RegistrationStatus
from .taxonomy import Skill, TargetGroup, Theme

__all__ = [
    "InitiativeAccess",
    "InitiativeRegistration",
    "RegistrationStatus",
    "ActivityException",
    "ActivityPage",
    "HomePage",
    "InitiativeIndexPage",
    "InitiativeMember",
    "MemberRole",
    "InitiativePage",
    "MeetingPlacePage",
    "Municipality",
    "Neighbourhood",
    "OpeningHours",
    "PlaceName",
    "PostcodeCentroid",
    "Woonplaats",
    "Skill",
    "TargetGroup",
    "Theme",
    "VacancyPage",
]
