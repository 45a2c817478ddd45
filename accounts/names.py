"""How a person is named to the other side of a response or a help offer."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext


def display_name_for(user: AbstractBaseUser, *, fallback: str | None = None) -> str:
    """The profile's name, else the account's full name, else ``fallback``
    ("Een vrijwilliger" in the active language when not given).
    Never part of the e-mail address by default: that stays back until the
    other side may see it (a requester names themselves with their address)."""
    # ``volunteer_profile`` is the reverse name of volunteers' profile: read as an
    # attribute, so accounts imports nothing above it.
    profile = getattr(user, "volunteer_profile", None)
    if profile is not None and profile.display_name:
        return profile.display_name
    return user.get_full_name() or (gettext("Een vrijwilliger") if fallback is None else fallback)
