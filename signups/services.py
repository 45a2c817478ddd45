"""Writes: taking a place, confirming the address, giving the place back,
reminders and retention. Every change to who holds a place locks the
date's ``SignupSlot`` row first, so two requests never both take the last
place and a place given back goes to exactly one person on the waiting list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.mail import mail_after_commit
from core.site_url import link, page_link
from initiatives.freshness import initiative_emails
from initiatives.models import ActivityPage
from initiatives.schedule import Occurrence

from .models import Signup, SignupSlot, SignupStatus
from .querysets import IN_LINE

CONFIRM_SALT = "signups.confirm"
CANCEL_SALT = "signups.cancel"
# How far ahead the sign-up page offers dates.
DATES_SHOWN = 6

NOT_OPEN = _("Voor deze activiteit kun je je hier niet aanmelden.")
NOT_A_DATE = _(
    "Op deze datum is de activiteit er niet, of hij is al begonnen. Kies een andere datum."
)
ALREADY = _("Je staat al op de lijst voor deze datum.")


def takes_signups(activity: ActivityPage) -> bool:
    """Only an activity with "aanmelden nodig" and a number of places."""
    return bool(activity.registration_required and activity.capacity)


def open_occurrences(
    activity: ActivityPage, *, now: datetime | None = None, count: int = DATES_SHOWN
) -> list[Occurrence]:
    """The coming dates one can still sign up for (not begun yet)."""
    now = now or timezone.now()
    return [o for o in activity.next_occurrences(count + 1, after=now) if o.start > now][:count]


def occurrence_for(activity: ActivityPage, day: date, *, now: datetime | None = None):
    """The occurrence on ``day`` if the activity is on then and has not begun."""
    now = now or timezone.now()
    schedule = activity.get_schedule()
    if day not in schedule.dates_between(day, day):
        return None
    occurrence = schedule.occurrence_on(day)
    return occurrence if occurrence.start > now else None


@dataclass(frozen=True)
class Availability:
    capacity: int
    confirmed: int
    waiting: int

    @property
    def left(self) -> int:
        return max(self.capacity - self.confirmed, 0)

    @property
    def full(self) -> bool:
        return self.left == 0


def availability(activity: ActivityPage, days: list[date]) -> dict[date, Availability]:
    """Places taken and waiting per date, in one query."""
    found = availabilities({activity: days})
    return {day: found[activity.pk, day] for day in days}


def availabilities(
    days_of: dict[ActivityPage, list[date]],
) -> dict[tuple[int, date], Availability]:
    """Places taken and waiting per (activity id, date), for many activities
    in one query (the initiative's overview lists up to 50)."""
    wanted = {day for days in days_of.values() for day in days}
    counts = {
        (row["activity_id"], row["date"]): row
        for row in SignupSlot.objects.filter(activity__in=list(days_of), date__in=wanted)
        .values("activity_id", "date")
        .annotate(
            confirmed=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED)),
            waiting=Count("signups", filter=Q(signups__status=SignupStatus.WAITING)),
        )
    }
    return {
        (activity.pk, day): Availability(
            activity.capacity or 0,
            counts.get((activity.pk, day), {}).get("confirmed", 0),
            counts.get((activity.pk, day), {}).get("waiting", 0),
        )
        for activity, days in days_of.items()
        for day in days
    }


def waiting_position(signup: Signup) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if signup.status != SignupStatus.WAITING:
        return None
    return (
        Signup.objects.filter(slot_id=signup.slot_id, status=SignupStatus.WAITING)
        .filter(Q(queued_at__lt=signup.queued_at) | Q(queued_at=signup.queued_at, pk__lt=signup.pk))
        .count()
        + 1
    )


# -- links in mails ------------------------------------------------------------
def confirm_token(signup: Signup) -> str:
    return signing.dumps(signup.pk, salt=CONFIRM_SALT)


def cancel_token(signup: Signup) -> str:
    return signing.dumps(signup.pk, salt=CANCEL_SALT)


def signup_from_token(token: str, *, salt: str, max_age: int | None = None) -> Signup | None:
    """The sign-up a link in a mail names, or None (altered, too old, gone)."""
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return Signup.objects.select_related("slot__activity").filter(pk=pk).first()


def _mail_context(signup: Signup) -> dict:
    activity = signup.slot.activity
    occurrence = activity.get_schedule().occurrence_on(signup.slot.date)
    return {
        "signup": signup,
        "activity": activity,
        "occurrence": occurrence,
        # Built when rendered, in the mail's language (core/site_url.py).
        "activity_url": page_link(activity),
        "cancel_url": link("signups:cancel", token=cancel_token(signup)),
        "position": waiting_position(signup),
    }


def _mail_signup(signup: Signup, template: str, **extra) -> None:
    """A mail to the person on the list, in their account's language, else
    the one they signed up in (docs/languages.md): the text and its links."""
    mail_after_commit(
        template=template,
        context={**_mail_context(signup), **extra},
        to=signup.email,
        language=signup.language,
    )


# -- taking a place ------------------------------------------------------------
def _lock_slot(slot: SignupSlot) -> SignupSlot:
    return (
        SignupSlot.objects.select_for_update(of=("self",))
        .select_related("activity")
        .get(pk=slot.pk)
    )


def _take_place(signup: Signup, slot: SignupSlot) -> None:
    """Put ``signup`` in line on the locked ``slot``: a place while there is
    one, else the end of the waiting list."""
    capacity = slot.activity.capacity or 0
    taken = Signup.objects.filter(slot=slot, status=SignupStatus.CONFIRMED).count()
    signup.status = SignupStatus.CONFIRMED if taken < capacity else SignupStatus.WAITING
    signup.queued_at = timezone.now()


@transaction.atomic
def signup_create(
    *,
    activity: ActivityPage,
    day: date,
    name: str,
    email: str = "",
    phone: str = "",
    user=None,
    now: datetime | None = None,
) -> Signup:
    """Sign someone up for ``day``. With an account the name and address
    come from it and the place is taken at once. Without one: with an email
    address the place is taken only once the link in the mail is followed
    (PENDING until then); with only a phone number at once, and the
    initiative calls to confirm."""
    if not takes_signups(activity):
        raise ValidationError(NOT_OPEN, code="not_open")
    if occurrence_for(activity, day, now=now) is None:
        raise ValidationError(NOT_A_DATE, code="not_a_date")
    slot, _ = SignupSlot.objects.get_or_create(activity=activity, date=day)
    slot = _lock_slot(slot)
    email = email.strip().lower()
    same = Signup.objects.filter(slot=slot).exclude(status=SignupStatus.CANCELLED)
    if user is not None and same.filter(user=user).exists():
        raise ValidationError(ALREADY, code="already")
    # Without an account an email address is checked only when the link in
    # the mail is followed (signup_confirm_email): saying "already on the
    # list" here would tell anyone who types an address who signed up.
    # The language of the page they signed up on: their mails (confirmation,
    # reminder, a freed place, a date called off) are written in it.
    signup = Signup(
        slot=slot,
        user=user,
        name=name.strip(),
        email=email,
        phone=phone.strip(),
        language=translation.get_language() or "",
    )
    with_link = user is None and bool(email)
    if not with_link:
        _take_place(signup, slot)
    signup.full_clean()
    signup.save()
    if with_link:
        _mail_signup(
            signup,
            "signups/email/confirm",
            confirm_url=link("signups:confirm", token=confirm_token(signup)),
        )
    else:
        _mail_placed(signup)
    return signup


def _mail_placed(signup: Signup) -> None:
    if signup.email:
        _mail_signup(signup, "signups/email/placed")


@transaction.atomic
def signup_confirm_email(*, signup: Signup) -> Signup:
    """The link in the mail was followed: now the place is taken (or the
    waiting list joined). Following it again changes nothing."""
    slot = _lock_slot(signup.slot)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.status != SignupStatus.PENDING:
        return signup
    signup.slot = slot
    earlier = (
        Signup.objects.filter(slot=slot, email=signup.email).in_line().exclude(pk=signup.pk).first()
    )
    if earlier is not None:  # signed up twice: the first one stands
        signup.status = SignupStatus.CANCELLED
        signup.cancelled_at = timezone.now()
        signup.save(update_fields=["status", "cancelled_at", "updated_at"])
        return earlier
    _take_place(signup, slot)
    signup.full_clean()
    signup.save()
    _mail_placed(signup)
    return signup


@transaction.atomic
def signup_cancel(*, signup: Signup, now: datetime | None = None) -> Signup | None:
    """Give the place back (by the person, or by the initiative for them).
    The first on the waiting list gets it and a mail. Returns the person who
    moved up, if anyone did."""
    slot = _lock_slot(signup.slot)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    signup.slot = slot
    if signup.status == SignupStatus.CANCELLED:
        return None
    signup.status = SignupStatus.CANCELLED
    signup.cancelled_at = now or timezone.now()
    signup.full_clean()
    signup.save()
    return _promote(slot)


def _promote(slot: SignupSlot) -> Signup | None:
    """Fill free places on the locked ``slot`` from the waiting list."""
    capacity = slot.activity.capacity or 0
    taken = Signup.objects.filter(slot=slot, status=SignupStatus.CONFIRMED).count()
    promoted = None
    for signup in Signup.objects.filter(slot=slot).waiting()[: max(capacity - taken, 0)]:
        signup.status = SignupStatus.CONFIRMED
        signup.save(update_fields=["status", "updated_at"])
        if signup.email:
            # Someone else's cancellation gives this person the place: in the
            # language they signed up in, not the canceller's.
            _mail_signup(signup, "signups/email/promoted")
        promoted = promoted or signup
    return promoted


# -- reminders and retention ---------------------------------------------------
def signups_send_reminders(*, now: datetime | None = None) -> int:
    """Mail everyone with a place and an email address whose date is
    tomorrow (local time), once: ``reminder_sent_at`` is set in the same
    transaction as the mail is queued, on rows locked with SKIP LOCKED, so
    two runs at once or an hourly run never send it twice."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    sent = 0
    with transaction.atomic():
        due = (
            Signup.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=SignupStatus.CONFIRMED,
                reminder_sent_at__isnull=True,
                slot__date=tomorrow,
            )
            .exclude(email="")
            .select_related("slot__activity")
        )
        for signup in due:
            activity = signup.slot.activity
            # Unpublished, or the date was called off since (an exception).
            if not activity.live or occurrence_for(activity, signup.slot.date, now=now) is None:
                continue
            _mail_signup(signup, "signups/email/reminder")
            signup.reminder_sent_at = now
            signup.save(update_fields=["reminder_sent_at", "updated_at"])
            sent += 1
    return sent


def date_is_on(activity: ActivityPage, day: date) -> bool:
    """Whether ``day`` is still a date of the live activity, begun or not."""
    return activity.live and day in activity.get_schedule().dates_between(day, day)


def signups_notify_called_off(*, now: datetime | None = None) -> tuple[int, int]:
    """Tell the people on the list of a coming date that it is off: an editor
    added the date as an exception, changed the schedule, or the activity
    went offline. Checked here, in the hourly run, not on publish: it is one
    place that sees every way a date can go, and sends nothing from a signal.
    Each date is told once (``called_off_at``, set in the transaction that
    queues the mails, on rows locked with SKIP LOCKED); a date that is on
    again is cleared, and the people still on its list are told so. The
    initiative gets one mail per date: who has no email address must be
    called. Returns (dates called off, dates on again)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    off = on_again = 0
    with transaction.atomic():
        slots = (
            SignupSlot.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                Exists(Signup.objects.filter(slot=OuterRef("pk"), status__in=IN_LINE)),
                date__gte=today,
            )
            .select_related("activity")
            .order_by("date", "pk")
        )
        for slot in slots:
            still_on = date_is_on(slot.activity, slot.date)
            if still_on == (slot.called_off_at is None):
                continue
            template = "signups/email/back_on" if still_on else "signups/email/called_off"
            people = list(slot.signups.in_line().order_by("queued_at", "pk"))
            for signup in people:
                if signup.email:
                    signup.slot = slot
                    _mail_signup(signup, template)
            mail_after_commit(
                template=template + "_initiative",
                context={
                    "activity": slot.activity,
                    "day": slot.date,
                    "mailed": sum(1 for s in people if s.email),
                    "to_call": sum(1 for s in people if not s.email),
                    "list_url": link("signups:list", page_id=slot.activity_id, day=slot.date),
                },
                to=initiative_emails(slot.activity.get_parent().pk),
            )
            slot.called_off_at = None if still_on else now
            slot.save(update_fields=["called_off_at"])
            if still_on:
                on_again += 1
            else:
                off += 1
    return off, on_again


@transaction.atomic
def signups_delete_expired(*, now: datetime | None = None) -> int:
    """Sign-ups are personal data: gone ``SIGNUP_RETENTION_DAYS`` after
    their date, and unconfirmed addresses after ``SIGNUP_CONFIRM_HOURS``."""
    now = now or timezone.now()
    cutoff = timezone.localdate(now) - timedelta(days=settings.SIGNUP_RETENTION_DAYS)
    old, _ = SignupSlot.objects.filter(date__lt=cutoff).delete()
    stale, _ = Signup.objects.filter(
        status=SignupStatus.PENDING,
        created_at__lt=now - timedelta(hours=settings.SIGNUP_CONFIRM_HOURS),
    ).delete()
    return old + stale
