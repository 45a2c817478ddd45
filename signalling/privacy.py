"""Own data (``/mijn-gegevens/``, volunteers/privacy.py) for someone who
sent signals.

- The download holds what the signaller wrote and where it went, not what
  the contact point did with it: that is about the resident, not about them.
- Erasing the account keeps each signal with its contact point (the
  resident may still need help) without the signaller's phone; the link to
  the account goes with it (``HelpSignal.signaller`` is SET_NULL), and the
  access log loses the reader's account the same way."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import HelpSignal


def _when(value) -> str | None:
    return value.isoformat() if value else None


def signal_data_export(*, user) -> dict[str, Any]:
    return {
        "signals_made": [
            {
                "postcode": s.postcode,
                "resident": s.resident,
                "concern": s.concern,
                "consent": s.consent,
                "no_consent_reason": s.no_consent_reason,
                "phone": s.signaller_phone,
                "sent_to": s.contact_point.name if s.contact_point else None,
                "created_at": _when(s.created_at),
            }
            for s in HelpSignal.objects.filter(signaller=user).select_related("contact_point")
        ]
    }


@transaction.atomic
def signal_data_erase(*, user) -> None:
    HelpSignal.objects.filter(signaller=user).update(signaller_phone="")
