"""Applying as a professional and the moderators' screen for applications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from core.forms import add_service_errors, error_text
from core.pagination import paginate
from core.ratelimit import limit_posts

from . import services
from .forms import ApplyForm, ProfessionalModerationForm, RevokeForm
from .models import ProfessionalProfile, ProfessionalStatus


@limit_posts("professional_apply")
def apply(request):
    """Apply, see that the application waits, or apply again after a
    rejection (with the reason). Approved: what a professional can do.
    Before logging in: what a professional account is, and the way in."""
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.path)
        return render(request, "professionals/start.html")
    profile = ProfessionalProfile.objects.of_user(request.user).first()
    editing = request.method == "POST" or request.GET.get("wijzigen") == "1"
    if profile is not None and profile.status == ProfessionalStatus.APPROVED:
        editing = False
    form = None
    if profile is None or editing or profile.status in AGAIN:
        # After a rejection or revocation the old answers come back to
        # correct, with the reason shown above them.
        form = ApplyForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.professional_apply(
                    user=request.user,
                    organisation=form.cleaned_data["organisation"],
                    role=form.cleaned_data["role"],
                    work_phone=form.cleaned_data["work_phone"],
                    municipality=form.cleaned_data["municipality"],
                    contact_point=form.cleaned_data["contact_point"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext(
                        "Je aanmelding is verstuurd. De gemeente kijkt ernaar; "
                        "je krijgt een e-mail."
                    ),
                )
                return redirect("professionals:apply")
        return render(
            request, "professionals/apply.html", {"form": form, "profile": profile}, status=400
        )
    return render(request, "professionals/apply.html", {"form": form, "profile": profile})


# Statuses after which one applies again.
AGAIN = (ProfessionalStatus.REJECTED, ProfessionalStatus.REVOKED)


@login_required
@require_POST
def stop(request):
    """ "Ik werk hier niet meer": the professional ends their own approval."""
    profile = get_object_or_404(ProfessionalProfile.objects.of_user(request.user).approved())
    services.professional_revoke(profile=profile, by=request.user)
    messages.success(
        request,
        gettext(
            "Je professionele account is gestopt. Je kunt niet meer verwijzen. "
            "Je verwijzingen kun je nog wel zien."
        ),
    )
    return redirect("professionals:apply")


def _moderator_only(request) -> None:
    # 404 rather than 403: the page does not exist for anyone else.
    if not services.can_moderate_professionals(request.user):
        raise Http404


def _moderation_page(request, bound=None, status=200):
    pending = (
        ProfessionalProfile.objects.pending()
        .for_moderator(request.user)
        .select_related("user", "municipality", "contact_point")
        .order_by("created_at")
    )
    page_obj = paginate(pending, request.GET.get("pagina"), per_page=20)
    for profile in page_obj:
        if bound is not None and bound.profile_id == profile.pk:
            profile.form = bound
        else:
            profile.form = ProfessionalModerationForm(auto_id=f"pr{profile.pk}_%s")
    return render(request, "professionals/moderation.html", {"page_obj": page_obj}, status=status)


@login_required
def moderation(request):
    _moderator_only(request)
    return _moderation_page(request)


@login_required
@require_POST
def decide(request, pk: int):
    _moderator_only(request)
    profile = get_object_or_404(
        ProfessionalProfile.objects.pending().for_moderator(request.user), pk=pk
    )
    form = ProfessionalModerationForm(request.POST, auto_id=f"pr{profile.pk}_%s")
    if not form.is_valid():
        form.profile_id = profile.pk
        return _moderation_page(request, bound=form, status=400)
    try:
        profile = services.professional_decide(
            profile=profile,
            by=request.user,
            approve=form.cleaned_data["approve"],
            reason=form.cleaned_data["reason"],
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        if profile.status == ProfessionalStatus.APPROVED:
            done = gettext(
                "De aanmelding van %(email)s (%(organisation)s) is goedgekeurd. "
                "De aanvrager krijgt een e-mail."
            )
        else:
            done = gettext(
                "De aanmelding van %(email)s (%(organisation)s) is afgewezen. "
                "De aanvrager krijgt een e-mail."
            )
        messages.success(
            request, done % {"email": profile.user.email, "organisation": profile.organisation}
        )
    return redirect("professionals:moderation")


def _approved_page(request, bound=None, status=200):
    """The approved professionals of the moderator's gemeenten, to end the
    approval of someone who no longer works there."""
    query = request.GET.get("zoek", "").strip()[:100]
    approved = (
        ProfessionalProfile.objects.approved()
        .for_moderator(request.user)
        .select_related("user", "municipality", "contact_point")
        .order_by("organisation", "pk")
    )
    if query:
        approved = approved.filter(
            Q(organisation__icontains=query)
            | Q(user__email__icontains=query)
            | Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
        )
    page_obj = paginate(approved, request.GET.get("pagina"), per_page=20)
    for profile in page_obj:
        if bound is not None and bound.profile_id == profile.pk:
            profile.form = bound
        else:
            profile.form = RevokeForm(auto_id=f"ri{profile.pk}_%s")
    return render(
        request,
        "professionals/approved.html",
        {"page_obj": page_obj, "query": query},
        status=status,
    )


@login_required
def approved(request):
    _moderator_only(request)
    return _approved_page(request)


@login_required
@require_POST
def revoke(request, pk: int):
    _moderator_only(request)
    profile = get_object_or_404(
        ProfessionalProfile.objects.approved().for_moderator(request.user), pk=pk
    )
    form = RevokeForm(request.POST, auto_id=f"ri{profile.pk}_%s")
    if not form.is_valid():
        form.profile_id = profile.pk
        return _approved_page(request, bound=form, status=400)
    try:
        profile = services.professional_revoke(
            profile=profile, by=request.user, reason=form.cleaned_data["reason"]
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(
            request,
            gettext(
                "%(email)s (%(organisation)s) is geen goedgekeurde professional "
                "meer en krijgt een e-mail met je reden."
            )
            % {"email": profile.user.email, "organisation": profile.organisation},
        )
    return redirect("professionals:approved")
