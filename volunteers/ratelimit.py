"""Limits on how often one account may do something that reaches other people
(responding to a vacancy, asking for help, offering help): a fixed-window count
per user in the cache. Signing up and logging in are limited by allauth.

With several server processes CACHE_URL must point to a shared cache, as for
allauth's limits (docs/accounts.md)."""

from __future__ import annotations

import time
from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

PERIODS = {"m": 60, "h": 3600, "d": 86400}


def parse(rate: str) -> tuple[int, int]:
    """'10/h' -> (10, 3600)."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period]


def _key(who, action: str, period: int) -> str:
    """``who`` is a user, or a string such as ``ip:192.0.2.1`` for someone
    not logged in."""
    ident = who if isinstance(who, str) else who.pk
    return f"ratelimit:{action}:{ident}:{int(time.time() // period)}"


def _rate(action: str) -> tuple[int, int] | None:
    rate = settings.VOLUNTEER_RATE_LIMITS.get(action)
    return parse(rate) if rate else None


def allowed(user, action: str) -> bool:
    """Whether ``user`` may do ``action`` once more (settings.VOLUNTEER_RATE_LIMITS;
    no entry: no limit)."""
    rate = _rate(action)
    if rate is None:
        return True
    limit, period = rate
    return cache.get(_key(user, action, period), 0) < limit


def consume(user, action: str) -> None:
    """Count one use of ``action`` by ``user``."""
    rate = _rate(action)
    if rate is None:
        return
    key = _key(user, action, rate[1])
    cache.add(key, 0, timeout=rate[1])
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=rate[1])


def limit_posts(action: str, *, anonymous: bool = False):
    """View decorator for a POST by a logged-in user (and, with ``anonymous``,
    by anyone, counted per client address): over the limit, the 429 page
    ("Even wachten") instead of the action. Only POSTs that went through
    (answered with a redirect) count, so someone correcting a form is never
    stopped; what they typed stays in the form."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            who = request.user if request.user.is_authenticated else None
            if who is None and anonymous:
                # allauth's rule for the client address: behind a proxy it
                # reads X-Forwarded-For (ALLAUTH_TRUSTED_PROXY_COUNT).
                who = f"ip:{get_adapter(request).get_client_ip(request)}"
            counted = request.method == "POST" and who is not None
            if counted and not allowed(who, action):
                return render(request, "429.html", status=429)
            response = view(request, *args, **kwargs)
            if counted and response.status_code in (301, 302, 303):
                consume(who, action)
            return response

        return wrapped

    return decorator
