"""Limits on how often one account may do something that reaches other people
(responding to a vacancy, asking for help, offering help, registering an
initiative): a fixed-window count per user, or per client address, in the
cache. Signing up and logging in are limited by allauth.

A use is counted before the action, atomically (increment, then compare the
new count with the limit), so a burst of parallel requests cannot all pass a
check that none of them has counted yet. That needs a cache whose increment
is atomic and that every server process shares (Redis or Memcached):
production refuses to start with another (marketplace/settings/production.py).
"""

from __future__ import annotations

import ipaddress
import logging
import time
from dataclasses import dataclass
from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

log = logging.getLogger(__name__)

PERIODS = {"m": 60, "h": 3600, "d": 86400}
# IPv6 clients usually get a whole /64; counting per address would give one
# client billions of budgets (allauth counts the same way).
IPV6_PREFIX = 64


def parse(rate: str) -> tuple[int, int]:
    """'10/h' -> (10, 3600)."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period]


def client_address(request) -> str:
    """``ip:<address>`` for counting per client: allauth's rule for the client
    address (behind a proxy, the X-Forwarded-For entry our own proxies added;
    ALLAUTH_TRUSTED_PROXY_COUNT), an IPv6 address cut to its /64."""
    ip = get_adapter(request).get_client_ip(request)
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return f"ip:{ip}"
    if address.version == 6:
        return f"ip:{ipaddress.ip_network(f'{ip}/{IPV6_PREFIX}', strict=False).network_address}"
    return f"ip:{address}"


def _key(who, action: str, period: int) -> str:
    """``who`` is a user, or a string such as ``ip:192.0.2.1``."""
    ident = who if isinstance(who, str) else who.pk
    return f"ratelimit:{action}:{ident}:{int(time.time() // period)}"


def _increment(key: str, period: int) -> int:
    """Add one to the count at ``key`` and return the new count, in one step
    of the cache (Redis INCR, Memcached incr, locmem under its lock)."""
    for _ in range(3):
        cache.add(key, 0, timeout=period)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr: add it again
            continue
    return cache.incr(key)


@dataclass(frozen=True)
class Reservation:
    """One counted use; ``release()`` gives it back when the action did not
    happen after all."""

    key: str | None  # None: the action has no limit

    def release(self) -> None:
        if self.key is None:
            return
        # ValueError: the window has ended, so there is nothing to give back.
        try:
            cache.decr(self.key)
        except ValueError:
            pass
        except Exception:  # noqa: BLE001 - the cache went away meanwhile
            log.exception("rate limit count not given back: the cache is unreachable")


def reserve(who, action: str, *, rate: str | None = None) -> Reservation | None:
    """Count one use of ``action`` by ``who`` now; None when that goes over
    the limit (and then nothing stays counted). ``rate`` ('10/h') defaults to
    settings.VOLUNTEER_RATE_LIMITS[action]; no rate means no limit."""
    rate = rate or settings.VOLUNTEER_RATE_LIMITS.get(action)
    if not rate:
        return Reservation(None)
    limit, period = parse(rate)
    reservation = Reservation(_key(who, action, period))
    try:
        count = _increment(reservation.key, period)
    except Exception:  # noqa: BLE001 - any cache failure (Redis down, timeout)
        # The limits protect others from floods; refusing every response and
        # help request while the cache is down would hurt everyone instead.
        # Let it through uncounted and say so loudly in the logs.
        log.exception("rate limit %s not counted: the cache is unreachable", action)
        return Reservation(None)
    if count > limit:
        # Given back, so the count is what went through or is going through
        # now: requests that were refused do not keep others out longer.
        reservation.release()
        return None
    return reservation


def too_many(request):
    return render(request, "429.html", status=429)


def limit_posts(action: str, *, anonymous: bool = False, attempts: str | None = None):
    """View decorator for a POST by a logged-in user (and, with ``anonymous``,
    by anyone, counted per client address): over the limit, the 429 page
    ("Even wachten") instead of the action.

    The use is reserved before the view runs. A POST that does not go through
    (anything but a redirect: the form is shown again with its errors and
    what was typed) gives its reservation back, so someone correcting a form
    is not stopped by their own mistakes, and a burst still cannot pass the
    limit: every request that may succeed holds a reservation while it runs.

    ``attempts`` names a second limit that counts every POST and gives
    nothing back: for a public form, where failed tries must cost too."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            who = request.user if request.user.is_authenticated else None
            if who is None and anonymous:
                who = client_address(request)
            if request.method != "POST" or who is None:
                return view(request, *args, **kwargs)
            if attempts and reserve(who, attempts) is None:
                return too_many(request)
            reservation = reserve(who, action)
            if reservation is None:
                return too_many(request)
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                reservation.release()
                raise
            if response.status_code not in (301, 302, 303):
                reservation.release()
            return response

        return wrapped

    return decorator
