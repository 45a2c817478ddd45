from allauth.account.auth_backends import AuthenticationBackend

from .adapter import limits_counted


class LimitedAuthenticationBackend(AuthenticationBackend):
    """allauth's backend (email and password; permissions as Django's
    ModelBackend), but a password is checked only for a login that has been
    counted against the limits (``accounts.adapter``). Any other caller of
    ``authenticate()`` gets nobody, so a forgotten or future login form cannot
    become a way around the limits, the lockout or email verification."""

    def authenticate(self, request, **credentials):
        if not limits_counted():
            return None
        return super().authenticate(request, **credentials)
