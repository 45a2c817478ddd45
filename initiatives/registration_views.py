"""'Meld je initiatief aan' on the site, and judging registrations in the
Wagtail admin."""

import hashlib
import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import ratelimit
from core.forms import ModerationForm, add_service_errors, error_text
from core.pagination import paginate
from core.ratelimit import limit_posts

from . import services
from .forms import InitiativeRegistrationForm
from .models import InitiativeIndexPage, InitiativeRegistration, RegistrationStatus

log = logging.getLogger(__name__)

MODERATE = "initiatives.moderate_initiativeregistration"


def _mail_allowed(email: str) -> bool:
    """At most RATE_LIMIT_REGISTER_INITIATIVE_MAIL confirmation mails to one
    address, however many clients send the form."""
    digest = hashlib.sha256(email.casefold().encode()).hexdigest()
    return ratelimit.reserve(f"email:{digest}", "register_initiative_mail") is not None


# Every POST counts against "attempts" (forms with errors too); only
# registrations made count against the lower limit.
@limit_posts("register_initiative", anonymous=True, attempts="register_initiative_attempt")
def register(request):
    form = InitiativeRegistrationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if form.user is None and not _mail_allowed(form.account_email):
            # The same answer as always: that this address was used a
            # moment ago must not show, nor whether it has an account.
            log.info("registration refused: too many confirmation mails to one address")
            return redirect("initiatives:register_thanks")
        index = InitiativeIndexPage.objects.first()
        data = form.cleaned_data
        try:
            services.register_initiative(
                index=index,
                page_fields=form.page_fields(),
                themes=data["themes"],
                applicant=services.Applicant(
                    contact_name=data["contact_name"],
                    email=form.account_email,
                    phone=data["phone"],
                ),
                message=data["message"],
                user=form.user,
                location=data["point"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if form.user is None:
                return redirect("initiatives:register_thanks")
            return redirect("initiatives:register_confirmed")
    return render(
        request,
        "initiatives/register.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def register_thanks(request):
    """After the form, not logged in: look for the confirmation mail."""
    return render(
        request,
        "initiatives/register_thanks.html",
        {"days": settings.REGISTRATION_CONFIRM_DAYS},
    )


def register_confirm(request, token: str):
    """The link from the confirmation mail. GET shows a button, so a mail
    scanner that opens links confirms nothing; POST confirms."""
    registration = services.registration_for_token(token)
    if registration is None:
        return render(request, "initiatives/register_confirm.html", {"invalid": True}, status=400)
    if registration.status != RegistrationStatus.UNCONFIRMED:
        return redirect("initiatives:register_confirmed")
    user = request.user if request.user.is_authenticated else None
    try:
        if request.method == "POST":
            services.confirm_registration(registration, user=user)
            return redirect("initiatives:register_confirmed")
        services.confirming_account(registration, user=user)
    except ValidationError as exc:
        if request.method == "POST" and exc.code == "login":
            return redirect_to_login(request.path)
        error, needs_login = error_text(exc), exc.code == "login"
    else:
        error, needs_login = "", False
    return render(
        request,
        "initiatives/register_confirm.html",
        {"registration": registration, "error": error, "needs_login": needs_login},
        status=400 if request.method == "POST" else 200,
    )


def register_confirmed(request):
    return render(request, "initiatives/register_confirmed.html")


# --- Wagtail admin ---


class DecisionForm(ModerationForm):
    approve_label = _("Goedkeuren")
    reason_missing = _("Schrijf waarom. De aanvrager krijgt dit te lezen.")

    trusted = forms.BooleanField(
        label=_("Mag direct publiceren (zonder goedkeuring per pagina)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approve"].widget = forms.RadioSelect(choices=self.fields["approve"].choices)
        self.fields["reason"].label = _("Reden van afwijzing (de aanvrager krijgt dit te lezen)")


def _moderator_only(request):
    if not request.user.has_perm(MODERATE):
        raise PermissionDenied


def registration_list(request):
    _moderator_only(request)
    status = request.GET.get("status", RegistrationStatus.PENDING)
    if status not in RegistrationStatus.values:
        status = RegistrationStatus.PENDING
    mine = InitiativeRegistration.objects.for_moderator(request.user)
    registrations = mine.filter(status=status).select_related("page")
    return render(
        request,
        "initiatives/admin/registrations.html",
        {
            "page_obj": paginate(registrations, request.GET.get("p"), per_page=50),
            "status": status,
            "statuses": RegistrationStatus.choices,
            "pending_count": mine.pending().count(),
        },
    )


def registration_detail(request, pk: int):
    _moderator_only(request)
    registration = get_object_or_404(
        InitiativeRegistration.objects.for_moderator(request.user).select_related(
            "page", "applicant", "decided_by"
        ),
        pk=pk,
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["approve"]:
                services.approve_registration(
                    registration, by=request.user, trusted=form.cleaned_data["trusted"]
                )
                messages.success(
                    request,
                    gettext(
                        "“%(name)s” is goedgekeurd en gepubliceerd. "
                        "De aanvrager krijgt een welkomstmail."
                    )
                    % {"name": registration.name},
                )
            else:
                services.reject_registration(
                    registration, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request, gettext("“%(name)s” is afgewezen.") % {"name": registration.name}
                )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        return redirect(reverse("initiatives_registrations"))
    page = registration.page.specific if registration.page else None
    return render(
        request,
        "initiatives/admin/registration_detail.html",
        {"registration": registration, "page": page, "form": form},
        status=400 if form.errors else 200,
    )
