"""'Meld je initiatief aan' on the site, and judging registrations in the
Wagtail admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from volunteers.help_forms import ModerationForm
from volunteers.ratelimit import limit_posts
from volunteers.views import error_text

from . import registration as services
from .forms import InitiativeRegistrationForm
from .models import InitiativeIndexPage, InitiativeRegistration, RegistrationStatus
from .services import paginate

MODERATE = "initiatives.moderate_initiativeregistration"


@limit_posts("register_initiative", anonymous=True)
def register(request):
    form = InitiativeRegistrationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
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
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            return redirect("initiatives:register_thanks")
    return render(
        request,
        "initiatives/register.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def register_thanks(request):
    return render(request, "initiatives/register_thanks.html")


# --- Wagtail admin ---


class DecisionForm(ModerationForm):
    approve_label = "Goedkeuren"
    reason_missing = "Schrijf waarom. De aanvrager krijgt dit te lezen."

    trusted = forms.BooleanField(
        label="Mag direct publiceren (zonder goedkeuring per pagina)", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approve"].widget = forms.RadioSelect(choices=self.fields["approve"].choices)
        self.fields["reason"].label = "Reden van afwijzing (de aanvrager krijgt dit te lezen)"


def _moderator_only(request):
    if not request.user.has_perm(MODERATE):
        raise PermissionDenied


def registration_list(request):
    _moderator_only(request)
    status = request.GET.get("status", RegistrationStatus.PENDING)
    if status not in RegistrationStatus.values:
        status = RegistrationStatus.PENDING
    registrations = InitiativeRegistration.objects.filter(status=status).select_related("page")
    return render(
        request,
        "initiatives/admin/registrations.html",
        {
            "page_obj": paginate(registrations, request.GET.get("p"), per_page=50),
            "status": status,
            "statuses": RegistrationStatus.choices,
            "pending_count": InitiativeRegistration.objects.pending().count(),
        },
    )


def registration_detail(request, pk: int):
    _moderator_only(request)
    registration = get_object_or_404(
        InitiativeRegistration.objects.select_related("page", "applicant", "decided_by"), pk=pk
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
                    f"“{registration.name}” is goedgekeurd en gepubliceerd. "
                    "De aanvrager krijgt een welkomstmail.",
                )
            else:
                services.reject_registration(
                    registration, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, f"“{registration.name}” is afgewezen.")
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
