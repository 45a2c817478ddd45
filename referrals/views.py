"""Referring a resident (approved professionals), the professional's own
list, and the initiative's steps on a referral in its inbox.

Whoever may not see a referral gets a 404, never a 403: the page does not
exist for them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from audit.models import AccessAction, AccessObject, AccessRole
from audit.services import record_access
from core.forms import add_service_errors, error_text
from core.pagination import paginate
from core.ratelimit import limit_posts
from helprequests.services import sensitive_marks
from initiatives.models import ActivityPage, InitiativePage, MeetingPlacePage, VacancyPage
from professionals.querysets import is_approved_professional, professional_of

from . import services
from .forms import FindListingForm, ReferralForm
from .models import Referral

CHECKED = "nagekeken"
KIND_LABELS = {
    ActivityPage: _("Activiteit"),
    MeetingPlacePage: _("Ontmoetingsplek"),
    VacancyPage: _("Vrijwilligerswerk"),
    InitiativePage: _("Initiatief"),
}


def _professional_only(request) -> None:
    if not is_approved_professional(request.user):
        raise Http404


def _back(request, default: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


@login_required
def find(request):
    """Choose what to refer to, by a few words of its title."""
    _professional_only(request)
    form = FindListingForm(request.GET or None)
    results = []
    if form.is_valid() and form.cleaned_data["q"].strip():
        words = form.cleaned_data["q"].strip()
        for model, label in KIND_LABELS.items():
            for page in (
                model.objects.live()
                .public()
                .filter(title__icontains=words)
                .select_related("municipality")
                .order_by("title")[:10]
            ):
                results.append({"page": page, "kind": label})
    return render(request, "referrals/find.html", {"form": form, "results": results})


@login_required
@limit_posts("referral")
def create(request, page_id: int):
    _professional_only(request)
    page = services.referable(get_object_or_404(Page.objects.live().public(), pk=page_id))
    if page is None:
        raise Http404
    initiative = services.initiative_of(page)
    if not services.has_readers(initiative):
        # Nobody there reads the inbox: say so before anything is typed.
        return render(
            request,
            "referrals/no_reader.html",
            {"target": page, "initiative": initiative},
            status=400 if request.method == "POST" else 200,
        )
    form = ReferralForm(request.POST or None)
    status = 200
    marked = None
    if request.method == "POST":
        status = 400
        if form.is_valid() and form.cleaned_data["note"] and request.POST.get(CHECKED) != "1":
            # One look before sending (the help requests' word list).
            marks = sensitive_marks([form.cleaned_data["note"]])
            if marks:
                marked = marks[0]
                status = 200
        if form.is_valid() and marked is None:
            try:
                services.referral_create(
                    professional=request.user, page=page, **form.service_kwargs()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    gettext(
                        "Je verwijzing naar ‘%(title)s’ is verstuurd. %(initiative)s "
                        "neemt contact op met de bewoner."
                    )
                    % {"title": page.title, "initiative": initiative.title},
                )
                return redirect("referrals:mine")
    return render(
        request,
        "referrals/create.html",
        {"form": form, "target": page, "initiative": initiative, "marked": marked},
        status=status,
    )


@login_required
def mine(request):
    """The professional's referrals with their status and dates. Also for
    a professional no longer approved: what they made stays theirs to see."""
    if professional_of(request.user) is None:
        raise Http404
    referrals = (
        Referral.objects.of_professional(request.user)
        .select_related("initiative")
        .order_by("-created_at")
    )
    page_obj = paginate(referrals, request.GET.get("pagina"), per_page=20)
    return render(
        request,
        "referrals/mine.html",
        {"page_obj": page_obj, "can_refer": is_approved_professional(request.user)},
    )


@login_required
@require_POST
def cancel(request, pk: int):
    referral = get_object_or_404(Referral.objects.of_professional(request.user), pk=pk)
    try:
        services.referral_cancel(referral=referral, by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            gettext("Je verwijzing naar ‘%(title)s’ is ingetrokken.")
            % {"title": referral.page_title},
        )
    return redirect("referrals:mine")


def _member_step(request, pk: int, step) -> Referral | None:
    referral = get_object_or_404(Referral.objects.for_initiative_member(request.user), pk=pk)
    try:
        done = step(referral)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    except PermissionDenied:
        raise Http404 from None
    else:
        record_access(
            actor=request.user,
            action=AccessAction.CHANGE,
            obj_type=AccessObject.REFERRAL,
            obj_id=referral.pk,
            request=request,
            role=AccessRole.INITIATIVE,
            municipality_id=referral.municipality_id,
        )
        return done
    return None


@login_required
@require_POST
def confirm_contact(request, pk: int):
    done = _member_step(
        request,
        pk,
        lambda referral: services.referral_confirm_contact(referral=referral, by=request.user),
    )
    if done is not None:
        messages.success(
            request,
            gettext("Genoteerd: jullie hebben contact gehad (%(title)s).")
            % {"title": done.page_title},
        )
    return _back(request, reverse("volunteers:inbox"))


@login_required
@require_POST
def record_outcome(request, pk: int):
    attended = request.POST.get("gekomen")
    if attended not in ("1", "0"):
        messages.error(request, gettext("Kies of de bewoner is gekomen."))
        return _back(request, reverse("volunteers:inbox"))
    done = _member_step(
        request,
        pk,
        lambda referral: services.referral_record_outcome(
            referral=referral, by=request.user, attended=attended == "1"
        ),
    )
    if done is not None:
        messages.success(
            request,
            gettext("Genoteerd: %(status)s.") % {"status": done.get_status_display().lower()},
        )
    return _back(request, reverse("volunteers:inbox"))
