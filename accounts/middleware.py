"""Middleware for the one login door (docs/accounts.md)."""

from __future__ import annotations

from http import HTTPStatus

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext

# allauth's error code when a login, a password asked again or a two-factor code
# is refused because of too many tries (ACCOUNT_RATE_LIMITS).
TOO_MANY_ATTEMPTS = "too_many_login_attempts"


def refused_for_too_many_attempts(form) -> bool:
    if form is None or not form.is_bound:
        return False
    return any(
        error.code == TOO_MANY_ATTEMPTS
        for errors in form.errors.as_data().values()
        for error in errors
    )


class TooManyAttemptsMiddleware:
    """allauth shows a locked or throttled login as a form error with status
    200; answer 429 (Too Many Requests) instead, so clients, monitoring and the
    logs see a refusal. The page stays the same: the form with what was typed
    (except the password) and the Dutch message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response: TemplateResponse):
        context = response.context_data or {}
        if response.status_code == HTTPStatus.OK and refused_for_too_many_attempts(
            context.get("form")
        ):
            response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        return response


def needs_two_factor(user) -> bool:
    """Municipal staff: the Django admin's staff, superusers, and moderators,
    who judge registrations and see help requests before they are public.
    Initiative editors and volunteers may turn it on, but need not."""
    return (
        user.is_staff
        or user.is_superuser
        or user.has_perm("initiatives.moderate_initiativeregistration")
        or user.has_perm("helprequests.moderate_helprequest")
    )


class StaffTwoFactorMiddleware:
    """With STAFF_REQUIRE_MFA, staff without an authenticator app are sent to
    set one up, from every page except allauth's own (the setup itself,
    confirming the password, logging out). A staff member with the app gave its
    code at login: allauth asks for it after the password."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.STAFF_REQUIRE_MFA or not request.user.is_authenticated:
            return None
        if view_func.__module__.startswith("allauth."):
            return None
        user = request.user
        if not needs_two_factor(user) or is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return None
        messages.info(
            request,
            gettext(
                "Voor medewerkers van de gemeente is tweestapsverificatie verplicht. "
                "Stel het eerst in; daarna kun je verder."
            ),
        )
        return redirect("mfa_activate_totp")
