from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model

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

    def get_user(self, user_id):
        """The logged-in user with their language preference in the same
        query (accounts.languages.AccountLanguageMiddleware reads it)."""
        UserModel = get_user_model()
        try:
            user = UserModel._default_manager.select_related("language_preference").get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
