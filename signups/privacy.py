"""Own data (``/mijn-gegevens/``, volunteers/privacy.py) for sign-ups made
with an account: the download lists them, erasing the account deletes them
(``Signup.user`` cascades; done here first so a place given back goes to
the next on the waiting list). Sign-ups without an account are found by
nobody but the initiative, and go with the retention
(``signups_delete_expired``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import Signup, SignupStatus
from .services import signup_cancel


def _when(value) -> str | None:
    return value.isoformat() if value else None


def signup_data_export(*, user) -> dict[str, Any]:
    return {
        "signups": [
            {
                "activity": s.slot.activity.title,
                "date": _when(s.slot.date),
                "name": s.name,
                "email": s.email,
                "phone": s.phone,
                "status": s.status,
                "created_at": _when(s.created_at),
                "cancelled_at": _when(s.cancelled_at),
                "reminder_sent_at": _when(s.reminder_sent_at),
            }
            for s in Signup.objects.filter(user=user)
            .select_related("slot__activity")
            .order_by("slot__date", "pk")
        ]
    }


@transaction.atomic
def signup_data_erase(*, user) -> None:
    for signup in Signup.objects.filter(user=user, status=SignupStatus.CONFIRMED):
        signup_cancel(signup=signup)
    Signup.objects.filter(user=user).delete()
