"""Middleware for the one login door (docs/accounts.md)."""

from __future__ import annotations

from http import HTTPStatus

from django.template.response import TemplateResponse

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
