"""Help requests: the public list and detail, asking for help, the
requester's own requests with their offers, and moderation.

The public pages read only public fields (``for_public_list``): never the
requester, the postcode, the exact point or for whom the help is asked.
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.names import display_name_for
from audit.models import AccessAction, AccessObject, AccessRole
from audit.services import Seen, record_access, record_list_access
from contactpoints.services import contact_point_for, site_contact_point
from core.formatting import format_km
from core.forms import error_text
from core.pagination import paginate
from core.ratelimit import limit_posts
from initiatives.places import choice_links
from organisation.models import organisation_for

from . import services
from .forms import HelpFilterForm, HelpModerationForm, HelpOfferForm, HelpRequestForm
from .models import HelpOffer, HelpOfferStatus, HelpRequest, HelpRequestStatus
from .sensitive_terms import highlight

CHANGE_TERMS = "helprequests.change_sensitiveterm"


def help_list(request):
    form = HelpFilterForm(request.GET or None)
    help_requests = HelpRequest.objects.published().for_public_list()
    point = None
    if form.is_bound:
        form.is_valid()
        # A place that cannot be found is an error at its field; the kind
        # chosen still filters.
        if "soort" in form.cleaned_data:
            help_requests = help_requests.with_kind(form.cleaned_data["soort"])
        point = form.cleaned_data.get("point")
    if point is not None:
        help_requests = help_requests.with_public_distance(point).nearest_first(point)
    else:
        help_requests = help_requests.order_by("-published_at", "-pk")
    page_obj = paginate(help_requests, request.GET.get("pagina"), per_page=20)
    for help_request in page_obj:
        distance = getattr(help_request, "distance", None)
        # Whole kilometres: the public point is itself only ~500 m precise.
        help_request.distance_label = (
            format_km(distance.km, coarse=True) if distance is not None else ""
        )
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "helprequests/help/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "querystring": query.urlencode(),
            "place_choices": choice_links(request.GET, "postcode", form.place_choices),
        },
    )


@limit_posts("help_offer")
def help_detail(request, pk: int):
    help_request = get_object_or_404(HelpRequest.objects.published().for_public_list(), pk=pk)
    user = request.user
    form = HelpOfferForm(request.POST or None)
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.path)
        if form.is_valid():
            try:
                services.help_offer_create(
                    help_request=help_request,
                    volunteer=user,
                    message=form.cleaned_data["message"],
                )
            except ValidationError as exc:
                messages.error(request, error_text(exc))
            else:
                messages.success(
                    request,
                    gettext(
                        "Bedankt! We hebben de hulpvrager laten weten dat je wilt helpen. "
                        "Als je aanbod wordt geaccepteerd, krijg je een e-mail met de "
                        "contactgegevens."
                    ),
                )
            return redirect("helprequests:help_detail", pk=help_request.pk)
    # By the wijk the page already shows; else (a point outside every wijk)
    # the gemeente's: no more precise than the public page itself.
    if help_request.neighbourhood_id is not None:
        contact_point = contact_point_for(neighbourhood=help_request.neighbourhood_id)
    else:
        contact_point = contact_point_for(municipality=help_request.municipality_id)
    own = user.is_authenticated and help_request.requester_id == user.pk
    if user.is_authenticated and not own:
        _record(request, help_request, AccessAction.VIEW)
    my_offer = None
    if user.is_authenticated and not own:
        my_offer = HelpOffer.objects.filter(help_request=help_request, volunteer=user).first()
    return render(
        request,
        "helprequests/help/detail.html",
        {
            "help_request": help_request,
            "form": form,
            "own": own,
            "my_offer": my_offer,
            "contact_point": contact_point,
        },
        status=400 if form.errors else 200,
    )


@limit_posts("help_request")
def help_create(request):
    org = organisation_for(request)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.path)
        # What happens, and the phone as the other way, before any login.
        return render(
            request,
            "helprequests/help/start.html",
            {"org": org, "contact_point": site_contact_point()},
        )
    form = HelpRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.help_request_create(requester=request.user, **form.service_kwargs())
        except ValidationError as exc:
            # An unknown postcode: shown at the field, with everything typed kept.
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                gettext(
                    "Bedankt! We kijken je hulpvraag eerst na. Daarna zetten we hem op de "
                    "site en krijg je een e-mail."
                ),
            )
            return redirect("helprequests:my_help_requests")
    return render(
        request,
        "helprequests/help/create.html",
        {"form": form, "org": org, "contact_point": _requester_contact_point(request.user)},
        status=400 if form.errors else 200,
    )


def _requester_contact_point(user):
    """ "Liever eerst iemand spreken?": the contact point of the wijk or
    gemeente of the requester's latest help request, else the site's one
    gemeente's."""
    last = (
        HelpRequest.objects.filter(requester=user)
        .exclude(neighbourhood=None, municipality=None)
        .order_by("-created_at")
        .values("neighbourhood_id", "municipality_id")
        .first()
    )
    found = None
    if last is not None:
        found = contact_point_for(
            neighbourhood=last["neighbourhood_id"], municipality=last["municipality_id"]
        )
    return found or site_contact_point()


@login_required
def my_help_requests(request):
    help_requests = (
        HelpRequest.objects.of_requester(request.user)
        .select_related("neighbourhood")
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=HelpOffer.objects.select_related("volunteer__volunteer_profile"),
            )
        )
        .order_by("-created_at")
    )
    page_obj = paginate(help_requests, request.GET.get("pagina"), per_page=20)
    for help_request in page_obj:
        for offer in help_request.offers.all():
            offer.volunteer_name = display_name_for(offer.volunteer)
    return render(
        request,
        "helprequests/help/mine.html",
        {
            "page_obj": page_obj,
            "OFFERED": HelpOfferStatus.OFFERED,
            "EDITABLE": services.EDITABLE,
            "CLOSABLE": services.CLOSABLE,
        },
    )


@login_required
@limit_posts("help_request")
def help_request_edit(request, pk: int):
    # Someone else's request, or one that is done: a 404, as for a stranger.
    help_request = get_object_or_404(
        HelpRequest.objects.of_requester(request.user).filter(status__in=services.EDITABLE),
        pk=pk,
    )
    was_public = help_request.status != HelpRequestStatus.PENDING
    form = HelpRequestForm(request.POST or None, instance=help_request)
    if request.method == "POST" and form.is_valid():
        try:
            help_request = services.help_request_update(
                help_request=help_request, by=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if help_request.back_to_moderation:
                messages.success(
                    request,
                    gettext(
                        "Je wijzigingen zijn bewaard. We kijken je hulpvraag opnieuw na; tot "
                        "dan staat hij niet op de site. Je krijgt een e-mail."
                    ),
                )
            else:
                messages.success(request, gettext("Je wijzigingen zijn bewaard."))
            return redirect("helprequests:my_help_requests")
    return render(
        request,
        "helprequests/help/edit.html",
        {"form": form, "help_request": help_request, "was_public": was_public},
        status=400 if form.errors else 200,
    )


# What the buttons on "Mijn hulpvragen" do, and what the page then says.
STATUS_ACTIONS = {
    "pause": (
        services.help_request_pause,
        _("‘%(title)s’ is gepauzeerd. Hij staat niet meer op de site; de aanbiedingen blijven."),
    ),
    "resume": (services.help_request_resume, _("‘%(title)s’ staat weer op de site.")),
    "found": (
        functools.partial(services.help_request_close, found=True),
        _("Fijn dat er hulp is gevonden! ‘%(title)s’ is gesloten."),
    ),
    "not_needed": (
        functools.partial(services.help_request_close, found=False),
        _("‘%(title)s’ is gesloten."),
    ),
}


@login_required
@require_POST
def help_request_status(request, pk: int):
    help_request = get_object_or_404(HelpRequest.objects.of_requester(request.user), pk=pk)
    action = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, gettext("Kies wat je met je hulpvraag wilt doen."))
        return redirect("helprequests:my_help_requests")
    change, done = action
    try:
        change(help_request=help_request, by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done % {"title": help_request.title})
    return redirect("helprequests:my_help_requests")


@login_required
@require_POST
def help_offer_accept(request, pk: int):
    offer = get_object_or_404(HelpOffer.objects.to_requester(request.user), pk=pk)
    try:
        offer = services.help_offer_accept(offer=offer, by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            gettext(
                "Je hebt het aanbod van %(name)s geaccepteerd. "
                "Jullie krijgen allebei een e-mail met elkaars contactgegevens."
            )
            % {"name": display_name_for(offer.volunteer)},
        )
    return redirect("helprequests:my_help_requests")


def _record(request, help_request, action: str, purpose: str = "") -> None:
    """Audit log (docs/security.md): someone other than the requester saw or
    decided on the request."""
    record_access(
        actor=request.user,
        action=action,
        obj_type=AccessObject.HELP_REQUEST,
        obj_id=help_request.pk,
        request=request,
        role=AccessRole.MODERATOR if services.can_moderate(request.user) else AccessRole.VOLUNTEER,
        subject_id=help_request.requester_id,
        municipality_id=help_request.municipality_id,
        purpose=purpose,
    )


def _moderator_only(request) -> None:
    # 404 rather than 403: the page does not exist for anyone else.
    if not services.can_moderate(request.user):
        raise Http404


def _ids(help_request) -> str:
    # One form per request on the page: ids must differ (hv12_title, ...).
    return f"hv{help_request.pk}_%s"


def _moderation_page(request, bound=None, status=200):
    """The pending requests, each with its public text marked where it may say
    something about health or identity, and a form to edit and approve it or
    to reject it. ``bound``: the form just posted with errors, shown in place."""
    pending = (
        HelpRequest.objects.pending()
        .for_moderator(request.user)
        .select_related("neighbourhood", "municipality")
        .order_by("created_at")
    )
    page_obj = paginate(pending, request.GET.get("pagina"), per_page=20)
    terms = services.moderation_terms()
    for help_request in page_obj:
        if bound is not None and bound.help_request_id == help_request.pk:
            help_request.form = bound
        else:
            help_request.form = HelpModerationForm(
                help_request=help_request, terms=terms, auto_id=_ids(help_request)
            )
        findings = services.sensitive_findings(help_request, terms)
        # Each word once in the warning, however often it occurs.
        unique = {(f.text.lower(), f.reason): f for found in findings.values() for f in found}
        help_request.findings = list(unique.values())
        help_request.marked = {
            name: highlight(getattr(help_request, name), found) for name, found in findings.items()
        }
    # Audit log: a moderator read each pending request on this page.
    record_list_access(
        actor=request.user,
        obj_type=AccessObject.HELP_REQUEST,
        seen=[Seen(r.pk, r.requester_id, r.municipality_id) for r in page_obj],
        request=request,
        role=AccessRole.MODERATOR,
        purpose="moderatie",
    )
    return render(
        request,
        "helprequests/help/moderation.html",
        {"page_obj": page_obj, "can_edit_terms": request.user.has_perm(CHANGE_TERMS)},
        status=status,
    )


@login_required
def moderation(request):
    _moderator_only(request)
    return _moderation_page(request)


@login_required
@require_POST
def moderate(request, pk: int):
    _moderator_only(request)
    help_request = get_object_or_404(
        HelpRequest.objects.pending().for_moderator(request.user), pk=pk
    )
    form = HelpModerationForm(
        request.POST,
        help_request=help_request,
        terms=services.moderation_terms(),
        auto_id=_ids(help_request),
    )
    if not form.is_valid():
        # Shown again at the request, with what the moderator typed.
        form.help_request_id = help_request.pk
        return _moderation_page(request, bound=form, status=400)
    try:
        help_request = services.help_request_moderate(
            request=help_request,
            by=request.user,
            approve=form.cleaned_data["approve"],
            reason=form.cleaned_data["reason"],
            **form.text_kwargs(),
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        approved = form.cleaned_data["approve"]
        done = "geplaatst" if approved else "afgewezen"  # the audit log's purpose, in Dutch
        _record(request, help_request, AccessAction.CHANGE, purpose=f"moderatie: {done}")
        if approved:
            text = gettext("‘%(title)s’ is geplaatst. De hulpvrager krijgt een e-mail.")
        else:
            text = gettext("‘%(title)s’ is afgewezen. De hulpvrager krijgt een e-mail.")
        messages.success(request, text % {"title": help_request.title})
    return redirect("helprequests:help_moderation")
