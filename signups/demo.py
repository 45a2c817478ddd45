"""Demo data: one activity of the demo initiative takes sign-ups
("aanmelden nodig", 12 places) and has a few for its next date. Safe to
run again: nothing is added once the activity has sign-ups."""

from __future__ import annotations

from initiatives.models import ActivityPage, InitiativePage

from .models import Signup
from .services import open_occurrences, signup_confirm_email, signup_create

CAPACITY = 12
DEMO_PEOPLE = [
    ("Meneer Bakker", "06 11112222", ""),
    ("Mevrouw Yilmaz", "", "yilmaz@meedoen.local"),
    ("Gerrit", "06 33334444", ""),
]


def load_demo_signups(*, initiative: InitiativePage, resident=None) -> ActivityPage | None:
    """A repeating activity of the initiative, with sign-ups; ``resident``
    (an account) has one of the places."""
    activities = (
        ActivityPage.objects.child_of(initiative).live().exclude(recurrence="once").order_by("path")
    )
    # Not one whose text says that signing up is not needed (the koffieochtend).
    activity = (
        activities.filter(registration_required=True, capacity=CAPACITY).first()
        or activities.exclude(intro__icontains="niet nodig").first()
        or activities.first()
    )
    if activity is None:
        return None
    if not (activity.registration_required and activity.capacity == CAPACITY):
        activity.registration_required = True
        activity.capacity = CAPACITY
        activity.registration_info = "Meld je aan op deze pagina of bel ons."
        activity.save_revision(log_action=False).publish()
        activity = ActivityPage.objects.get(pk=activity.pk)
    if Signup.objects.filter(slot__activity=activity).exists():
        return activity
    occurrences = open_occurrences(activity, count=1)
    if not occurrences:
        return activity
    day = occurrences[0].date
    for name, phone, email in DEMO_PEOPLE:
        signup = signup_create(activity=activity, day=day, name=name, phone=phone, email=email)
        if email:  # as if the link in the mail was followed
            signup_confirm_email(signup=signup)
    if resident is not None:
        signup_create(
            activity=activity,
            day=day,
            user=resident,
            name=resident.first_name or resident.email,
            email=resident.email,
        )
    return activity
