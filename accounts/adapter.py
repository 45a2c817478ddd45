"""allauth's account adapter, made the one place where a password is checked
(docs/accounts.md, "Eén deur").

Every password check in allauth (logging in, and asking for the password again
before a sensitive change) passes ``pre_authenticate``, which counts it against
the limits in ``ACCOUNT_RATE_LIMITS`` and refuses it when a limit is reached.
``accounts.auth_backends.LimitedAuthenticationBackend`` checks a password only
inside that window, so a view that calls Django's ``authenticate()`` on its own
(an admin login form, an API's Basic authentication) finds nobody.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.mail import RELAY_ERRORS
from core.metrics import mails_counted

from .languages import language_of, save_preference

log = logging.getLogger(__name__)

MAIL_NOT_SENT = _(
    "We konden de e-mail nu niet versturen. Probeer het over een paar minuten opnieuw. "
    "Lukt het dan nog niet? Neem contact met ons op."
)

# True while a password check runs that has been counted against the limits.
_limits_counted: ContextVar[bool] = ContextVar("login_limits_counted", default=False)


def limits_counted() -> bool:
    """Whether the password check now running has passed the login limits."""
    return _limits_counted.get()


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mails (confirmation, password reset), counted for /metrics.
        A relay that is down is said on the page, in Dutch, not a 500: the
        login or the request for a link goes on, and can be asked again."""
        try:
            super().send_mail(template_prefix, email, context)
        except RELAY_ERRORS:
            mails_counted(failed=1)
            log.exception("allauth mail %s not sent", template_prefix)
            if getattr(self, "request", None) is not None:
                messages.error(self.request, MAIL_NOT_SENT)
            return
        except Exception:
            mails_counted(failed=1)
            raise
        mails_counted(sent=1)

    def login(self, request: HttpRequest, user) -> None:
        super().login(request, user)
        # An account that never chose a language takes the one it logs in on,
        # when that is not the default: someone whose browser asks for
        # Arabic logs in on /ar/ and from then on gets Arabic mails. A choice
        # made once (the switcher, the sign-up) is never overwritten here.
        language = get_language()
        if language != settings.LANGUAGE_CODE and language_of(user) is None:
            save_preference(user, language)

    def authenticate(self, request: HttpRequest, **credentials: Any):
        token = _limits_counted.set(False)
        try:
            return super().authenticate(request, **credentials)
        finally:
            _limits_counted.reset(token)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # Every attempt from one client, failed or not ("login"). allauth counts
        # this in the login view and answers with a bare 429 page; counted
        # here, a throttled login is a form error like a locked one, and keeps
        # what was typed. ACCOUNT_RATE_LIMITS["login"] is therefore empty.
        # First, so a throttled attempt does not use up one of the address's
        # tries below.
        if not ratelimit.consume(request, action="login_attempt"):
            raise self.validation_error("too_many_login_attempts")
        # allauth's own count of failed logins, per client and per address
        # ("login_failed"; a successful login takes its try back).
        super().pre_authenticate(request, **credentials)
        _limits_counted.set(True)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth puts the host name in the key, so every name in ALLOWED_HOSTS
        # had its own tries for one address. One address, one count.
        login = credentials.get("email", credentials.get("username", ""))
        return f"login:{login.strip().lower()}"
