"""The admins' login URLs lead to the one login (docs/accounts.md, "Eén deur").

``/admin/login/`` (Wagtail) and ``/django-admin/login/`` check no password: they
send the visitor to allauth's login at ``/account/login/`` with a safe ``next``,
so every login counts against the same limits and needs a verified address.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


def _wagtail_access(request: HttpRequest) -> bool:
    return request.user.has_perm("wagtailadmin.access_admin")


def _django_admin_access(request: HttpRequest) -> bool:
    return admin.site.has_permission(request)


DOORS: dict[str, tuple[str, Callable[[HttpRequest], bool]]] = {
    "wagtail": ("wagtailadmin_home", _wagtail_access),
    "django": ("admin:index", _django_admin_access),
}


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@never_cache
def admin_login(request: HttpRequest, *, admin_name: str) -> HttpResponse:
    """GET and POST alike: never a password check here."""
    home, has_access = DOORS[admin_name]
    target = _safe_next(request, reverse(home))
    if not request.user.is_authenticated:
        return redirect_to_login(target, login_url=reverse("account_login"))
    if has_access(request):
        return redirect(target)
    # Logged in without access: the admin sent them here, and the site's login
    # would only send them back to the admin.
    return render(request, "account/no_admin_access.html", status=403)


def django_admin_password_change(request: HttpRequest) -> HttpResponse:
    """The Django admin checked the old password without a limit; allauth's
    form counts tries (ACCOUNT_RATE_LIMITS "change_password")."""
    return redirect("account_change_password")
