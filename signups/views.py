"""Taking a place on an activity's date, the links in the mails, "Mijn
aanmeldingen", and the initiative's list per date (its members only)."""

from __future__ import annotations

from datetime import date
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from audit.models import AccessAction, AccessObject, AccessRole
from audit.services import record_access
from core.forms import add_service_errors, error_text
from core.ratelimit import limit_posts, reserve
from initiatives.models import ActivityPage, InitiativeMember, InitiativePage
from initiatives.querysets import sees_everything

from . import services
from .forms import SignupForm
from .models import Signup, SignupStatus

STATUS_SALT = "signups.status"
# The page that says how a sign-up went is reachable for an hour after it.
STATUS_LINK_SECONDS = 3600
OVERVIEW_SHOWN = 50
TOO_MANY_MAILS = _(
    "We hebben net al een paar e-mails naar dit adres gestuurd. Kijk in je e-mail, "
    "of probeer het over een uur opnieuw."
)


def _activity(page_id: int) -> ActivityPage:
    activity = get_object_or_404(ActivityPage.objects.live().public(), pk=page_id)
    if not services.takes_signups(activity):
        raise Http404("Voor deze activiteit kun je je hier niet aanmelden.")
    return activity


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Http404("Geen geldige datum.") from None


def _account_name(user) -> str:
    profile = getattr(user, "volunteer_profile", None)
    name = f"{user.first_name} {user.last_name}".strip()
    return name or (profile.display_name if profile else "") or user.email.split("@")[0]


def choose(request, page_id: int):
    """The coming dates with the places left: never in the page cache (not
    in PAGE_CACHE_VIEWS), so the count is the count of this moment."""
    activity = _activity(page_id)
    occurrences = services.open_occurrences(activity)
    counts = services.availability(activity, [o.date for o in occurrences])
    return render(
        request,
        "signups/choose.html",
        {
            "activity": activity,
            "dates": [(o, counts[o.date]) for o in occurrences],
        },
    )


@limit_posts("signup", anonymous=True, attempts="signup_attempt")
def take(request, page_id: int, day: str):
    activity = _activity(page_id)
    day = _day(day)
    occurrence = services.occurrence_for(activity, day)
    if occurrence is None:
        messages.error(request, services.NOT_A_DATE)
        return redirect("signups:choose", page_id=activity.pk)
    user = request.user if request.user.is_authenticated else None
    form = SignupForm(request.POST or None) if user is None else None
    if request.method == "POST" and (form is None or form.is_valid()):
        data = (
            {"user": user, "name": _account_name(user), "email": user.email}
            if user is not None
            else {k: form.cleaned_data[k] for k in ("name", "email", "phone")}
        )
        try:
            if (
                user is None
                and data["email"]
                and reserve(f"email:{data['email'].lower()}", "signup_mail") is None
            ):
                raise ValidationError(TOO_MANY_MAILS, code="too_many_mails")
            signup = services.signup_create(activity=activity, day=day, **data)
        except ValidationError as exc:
            if form is None:
                messages.error(request, error_text(exc))
                return redirect("signups:mine")
            add_service_errors(form, exc)
        else:
            token = signing.dumps(signup.pk, salt=STATUS_SALT)
            return redirect("signups:done", token=token)
    availability = services.availability(activity, [day])[day]
    return render(
        request,
        "signups/take.html",
        {"activity": activity, "occurrence": occurrence, "form": form, "places": availability},
        status=400 if request.method == "POST" else 200,
    )


def _from_token(token: str, salt: str, max_age: int | None = None) -> Signup:
    signup = services.signup_from_token(token, salt=salt, max_age=max_age)
    if signup is None:
        raise Http404("Deze link werkt niet (meer).")
    return signup


def _status_context(signup: Signup) -> dict:
    activity = signup.slot.activity
    return {
        "signup": signup,
        "activity": activity,
        "occurrence": activity.get_schedule().occurrence_on(signup.slot.date),
        "position": services.waiting_position(signup),
    }


def done(request, token: str):
    signup = _from_token(token, STATUS_SALT, STATUS_LINK_SECONDS)
    return render(request, "signups/done.html", _status_context(signup))


def confirm(request, token: str):
    """The link in the mail. A GET only shows a button: mail scanners open
    links, and must not take a place for someone."""
    signup = _from_token(token, services.CONFIRM_SALT, settings.SIGNUP_CONFIRM_HOURS * 3600)
    if request.method == "POST" and signup.status == SignupStatus.PENDING:
        signup = services.signup_confirm_email(signup=signup)
        return redirect("signups:done", token=signing.dumps(signup.pk, salt=STATUS_SALT))
    return render(request, "signups/confirm.html", _status_context(signup))


def cancel(request, token: str):
    """The cancel link in every mail; a GET asks first."""
    signup = _from_token(token, services.CANCEL_SALT)
    if request.method == "POST":
        services.signup_cancel(signup=signup)
        signup.refresh_from_db()
    return render(request, "signups/cancel.html", _status_context(signup))


@login_required
def mine(request):
    today = timezone.localdate()
    signups = list(
        Signup.objects.of_user(request.user)
        .filter(slot__date__gte=today)
        .exclude(status=SignupStatus.CANCELLED)
        .select_related("slot__activity")
        .prefetch_related("slot__activity__exceptions")
        .order_by("slot__date", "pk")
    )
    for signup in signups:
        signup.position = services.waiting_position(signup)
        signup.occurrence = signup.slot.activity.get_schedule().occurrence_on(signup.slot.date)
        signup.called_off = not services.date_is_on(signup.slot.activity, signup.slot.date)
    return render(request, "signups/mine.html", {"signups": signups})


@login_required
@require_POST
def mine_cancel(request, pk: int):
    signup = get_object_or_404(Signup.objects.of_user(request.user), pk=pk)
    services.signup_cancel(signup=signup)
    messages.success(
        request,
        gettext("Je bent afgemeld voor ‘%(title)s’ op %(date)s.")
        % {"title": signup.slot.activity.title, "date": f"{signup.slot.date:%d-%m-%Y}"},
    )
    return redirect("signups:mine")


# -- the initiative ------------------------------------------------------------
def _answers_for(user, activity: ActivityPage) -> bool:
    return InitiativeMember.objects.answers_for(user, activity.get_parent().pk)


def _member_activity(request, page_id: int) -> ActivityPage:
    """The activity, for a member of its initiative (or staff); everyone
    else gets the same 404 as for an activity that does not exist."""
    activity = get_object_or_404(ActivityPage.objects.all(), pk=page_id)
    if not services.takes_signups(activity) or not _answers_for(request.user, activity):
        raise Http404
    return activity


@login_required
def overview(request):
    """The initiative's activities that take sign-ups, with their dates."""
    if sees_everything(request.user):
        initiatives = InitiativePage.objects.all()
    else:
        initiatives = InitiativePage.objects.filter(
            pk__in=InitiativeMember.objects.of_user(request.user).values("initiative")
        )
    paths = [(p.path, p.depth) for p in initiatives.only("path", "depth")]
    if not paths:
        raise Http404
    under = reduce(or_, (Q(path__startswith=p, depth=d + 1) for p, d in paths))
    activities = list(
        ActivityPage.objects.filter(under, registration_required=True, capacity__isnull=False)
        .exclude(capacity=0)
        .prefetch_related("exceptions")
        .order_by("title")[:OVERVIEW_SHOWN]
    )
    occurrences = {activity: services.open_occurrences(activity) for activity in activities}
    counts = services.availabilities(
        {activity: [o.date for o in found] for activity, found in occurrences.items()}
    )
    rows = [
        (activity, [(o, counts[activity.pk, o.date]) for o in found])
        for activity, found in occurrences.items()
    ]
    return render(request, "signups/overview.html", {"rows": rows})


@login_required
def slot_list(request, page_id: int, day: str):
    activity = _member_activity(request, page_id)
    day = _day(day)
    signups = list(
        Signup.objects.filter(slot__activity=activity, slot__date=day)
        .exclude(status=SignupStatus.PENDING)
        .order_by("status", "queued_at", "pk")
    )
    confirmed = [s for s in signups if s.status == SignupStatus.CONFIRMED]
    waiting = [s for s in signups if s.status == SignupStatus.WAITING]
    cancelled = [s for s in signups if s.status == SignupStatus.CANCELLED]
    printing = bool(request.GET.get("afdrukken"))
    template = "signups/print.html" if printing else "signups/list.html"
    record_access(
        actor=request.user,
        action=AccessAction.EXPORT if printing else AccessAction.VIEW,
        obj_type=AccessObject.SIGNUPS,
        obj_id=activity.pk,
        request=request,
        role=AccessRole.INITIATIVE,
        municipality_id=getattr(activity, "municipality_id", None),
        purpose=f"{'afdrukken, ' if printing else ''}{day:%Y-%m-%d}",
    )
    return render(
        request,
        template,
        {
            "activity": activity,
            "day": day,
            "occurrence": activity.get_schedule().occurrence_on(day),
            "confirmed": confirmed,
            "waiting": waiting,
            "cancelled": cancelled,
            "places_left": max((activity.capacity or 0) - len(confirmed), 0),
            "called_off": not services.date_is_on(activity, day),
            "to_call": [s for s in confirmed + waiting if not s.email],
        },
    )


@login_required
@require_POST
def slot_cancel(request, pk: int):
    signup = get_object_or_404(Signup.objects.select_related("slot__activity"), pk=pk)
    activity = signup.slot.activity
    if not _answers_for(request.user, activity):
        raise Http404
    promoted = services.signup_cancel(signup=signup)
    text = gettext("%(name)s staat nu als afgemeld.") % {"name": signup.name}
    if promoted is not None:
        text += " " + gettext("%(name)s van de wachtlijst heeft de plek gekregen.") % {
            "name": promoted.name
        }
    messages.success(request, text)
    return redirect(
        reverse("signups:list", kwargs={"page_id": activity.pk, "day": signup.slot.date})
    )
