"""The volunteer's profile and responses, and the initiative's inbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from audit.models import AccessObject, AccessRole
from audit.services import Seen, record_list_access
from core.forms import error_text
from core.pagination import paginate
from core.ratelimit import limit_posts
from helprequests.models import HelpOffer, HelpOfferStatus, HelpRequestStatus
from helprequests.services import requester_name
from initiatives.models import InitiativeMember, VacancyPage
from referrals.inbox import inbox_referrals

from . import services
from .models import Response, ResponseStatus, VolunteerProfile
from .profile_forms import ProfileForm
from .response_forms import InboxFilterForm, RespondForm, StatusForm

# What the inbox buttons say: the step, in plain words, rather than the status name.
ACTION_LABELS = {
    ResponseStatus.IN_CONTACT: _("Ik neem contact op"),
    ResponseStatus.MATCHED: _("Gaat helpen (gekoppeld)"),
    ResponseStatus.DECLINED: _("Past niet (afwijzen)"),
}


def _back(request, fallback: str) -> HttpResponseRedirect:
    """Back to the page the form was on (only on this site)."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return HttpResponseRedirect(target)


@login_required
def profile(request):
    # The first visit shows an empty form; the first save creates the profile.
    instance = VolunteerProfile.objects.filter(user=request.user).first()
    if instance is None:
        instance = VolunteerProfile(user=request.user, display_name=request.user.first_name)
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.profile_update(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            # Geocoding errors: shown on the form, with everything typed kept.
            form.add_error(None, exc)
        else:
            if result.location_pending:
                messages.warning(
                    request,
                    gettext(
                        "Je profiel is bewaard. We konden je postcode nu niet opzoeken; "
                        "we proberen het de volgende keer dat je je profiel bewaart opnieuw."
                    ),
                )
            else:
                messages.success(request, gettext("Je profiel is bewaard."))
            return redirect("volunteers:profile")
    return render(
        request,
        "volunteers/profile.html",
        {"form": form, "is_new": instance.pk is None},
    )


@limit_posts("respond")
def respond(request, page_id: int):
    vacancy = get_object_or_404(VacancyPage.objects.live(), pk=page_id)
    if not request.user.is_authenticated:
        # Back to the vacancy after logging in, not to this POST-only address.
        return redirect_to_login(f"{vacancy.url}#reageren")
    if request.method != "POST":
        return redirect(f"{vacancy.url}#reageren")
    form = RespondForm(request.POST)
    if form.is_valid():
        try:
            services.response_create(
                volunteer=request.user, vacancy=vacancy, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
            return redirect(vacancy.url)
        messages.success(
            request,
            gettext(
                "Bedankt! Je reactie is verstuurd. Het initiatief neemt contact met je op. "
                "Je ziet je reacties bij ‘Mijn reacties’."
            ),
        )
        return redirect("volunteers:my_responses")
    # Only an empty or too long message gets here: show the form again with
    # the text kept, rather than losing it on the vacancy page.
    return render(
        request,
        "volunteers/respond.html",
        {"form": form, "vacancy": vacancy},
        status=400,
    )


# Once an initiative is in contact the volunteer may call or mail it back;
# before that the initiative decides whether to get in touch.
IN_CONTACT = (ResponseStatus.IN_CONTACT, ResponseStatus.MATCHED)
# A volunteer offers help now and then; more than this is not a list to read.
HELP_OFFERS_SHOWN = 50


@login_required
def my_responses(request):
    responses = (
        Response.objects.of_volunteer(request.user)
        .select_related("vacancy")
        .with_initiative()
        .order_by("-created_at")
    )
    page_obj = paginate(responses, request.GET.get("pagina"), per_page=20)
    for response in page_obj:
        response.contact = (
            {
                "name": response.initiative_contact_name,
                "phone": response.initiative_phone,
                "email": response.initiative_email,
            }
            if response.status in IN_CONTACT
            else None
        )
    offers = list(
        HelpOffer.objects.filter(volunteer=request.user)
        .select_related("help_request__requester__volunteer_profile")
        .order_by("-created_at")[:HELP_OFFERS_SHOWN]
    )
    for offer in offers:
        help_request = offer.help_request
        # Text the requester changed is not shown before a moderator saw it.
        offer.title = (
            None if help_request.status == HelpRequestStatus.PENDING else help_request.title
        )
        offer.public = help_request.status == HelpRequestStatus.PUBLISHED
        offer.requester = None
        if offer.status == HelpOfferStatus.ACCEPTED:
            offer.requester = {
                "name": requester_name(help_request.requester),
                "email": help_request.requester.email,
            }
    return render(request, "volunteers/my_responses.html", {"page_obj": page_obj, "offers": offers})


@login_required
@require_POST
def withdraw(request, pk: int):
    response = get_object_or_404(Response.objects.of_volunteer(request.user), pk=pk)
    try:
        services.response_set_status(
            response=response, status=ResponseStatus.WITHDRAWN, by=request.user
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            gettext("Je reactie op ‘%(title)s’ is ingetrokken.")
            % {"title": response.vacancy.title},
        )
    return redirect("volunteers:my_responses")


@login_required
def inbox(request):
    form = InboxFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    responses = (
        Response.objects.for_initiative_member(request.user)
        .with_status(status)
        .with_details()
        .prefetch_related(
            "volunteer__volunteer_profile__themes", "volunteer__volunteer_profile__skills"
        )
        .order_by("-created_at")
    )
    page_obj = paginate(responses, request.GET.get("pagina"), per_page=20)
    for response in page_obj:
        response.next_statuses = [
            (status, ACTION_LABELS[status])
            for status in services.allowed_statuses(response, as_volunteer=False)
        ]
    query = request.GET.copy()
    query.pop("pagina", None)
    referrals = inbox_referrals(request.user)
    # Audit log: each response and referral this page showed, in one insert.
    record_list_access(
        actor=request.user,
        seen=[
            *(
                Seen(r.pk, r.volunteer_id, r.vacancy.municipality_id, AccessObject.RESPONSE)
                for r in page_obj
                if r.volunteer_id != request.user.pk
            ),
            *(
                Seen(r.pk, None, r.municipality_id, AccessObject.REFERRAL)
                for r in [*referrals.open, *referrals.closed]
            ),
        ],
        request=request,
        role=AccessRole.INITIATIVE,
    )
    return render(
        request,
        "volunteers/inbox.html",
        {
            "form": form,
            "page_obj": page_obj,
            "querystring": query.urlencode(),
            "is_member": InitiativeMember.objects.opens_inbox(request.user),
            "referrals": referrals,
        },
    )


@login_required
@require_POST
def set_status(request, pk: int):
    response = get_object_or_404(Response.objects.for_initiative_member(request.user), pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Kies een geldige status."))
        return _back(request, reverse("volunteers:inbox"))
    try:
        response = services.response_set_status(
            response=response, status=form.cleaned_data["status"], by=request.user
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            gettext(
                "De reactie van %(name)s is nu ‘%(status)s’. "
                "We hebben de vrijwilliger een e-mail gestuurd."
            )
            % {
                "name": services.display_name_for(response.volunteer),
                "status": response.get_status_display(),
            },
        )
    return _back(request, reverse("volunteers:inbox"))
