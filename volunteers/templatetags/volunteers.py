"""What the "Ik wil helpen" box on a vacancy page needs to know."""

from django import template
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.http import urlencode

from ..models import Response
from ..response_forms import RespondForm
from ..roles import AccountRoles, account_roles
from ..services import VACANCY_FULL, vacancy_refusal

register = template.Library()


@register.simple_tag
def account_menu(user) -> AccountRoles | None:
    """What the header's account menu offers ``user`` (None: logged out)."""
    return account_roles(user) if user.is_authenticated else None


@register.simple_tag(takes_context=True)
def respond_state(context, vacancy) -> dict:
    """The visitor's response to ``vacancy`` (if any), why responding is not
    possible (if so), an empty form and the login link that comes back here."""
    request = context.get("request")
    user = getattr(request, "user", None)
    response = None
    if user is not None and user.is_authenticated:
        response = Response.objects.filter(vacancy=vacancy, volunteer=user).first()
    refusal = "" if response else vacancy_refusal(vacancy)
    next_url = f"{vacancy.url}#reageren" if vacancy.url else ""
    login_url = resolve_url(settings.LOGIN_URL)
    return {
        "response": response,
        "refusal": refusal,
        "full": refusal == VACANCY_FULL,
        "form": RespondForm(),
        "login_url": f"{login_url}?{urlencode({'next': next_url})}" if next_url else login_url,
    }
