"""Signaleren: the form for a neighbour or professional, and the pages where
a contact point's staff read the signals sent to it.

Every page here is personal: never cached, by us or by anyone in between
(``never_cache`` sends ``no-store, private``). Anyone who is not staff of a
signal's contact point gets the same 404 as for a number that does not
exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.names import display_name_for
from contactpoints.models import ContactPoint
from core.forms import error_text
from core.pagination import paginate
from core.ratelimit import limit_posts
from helprequests.services import sensitive_marks
from organisation.models import organisation_for

from . import services
from .forms import SignalForm
from .models import HelpSignal, SignalAccess, SignalStatus

CHECKED = "nagekeken"


@never_cache
@limit_posts("signal")
def signal_create(request):
    org = organisation_for(request)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.path)
        # What happens with a signal, and the phone as the other way, before any login.
        return render(request, "signalling/start.html", {"org": org})
    form = SignalForm(request.POST or None)
    context = {"form": form, "org": org, "kind": services.signaller_kind_for(request.user)}
    if request.method == "POST" and form.is_valid():
        marked = [] if request.POST.get(CHECKED) == "1" else sensitive_marks(form.texts())
        if marked:
            context["marked"] = marked
            return render(request, "signalling/create.html", context)
        try:
            signal = services.signal_create(signaller=request.user, **form.service_kwargs())
        except ValidationError as exc:
            # No contact point, or the postcode cannot be looked up now: said
            # on the form, with everything typed kept.
            if isinstance(exc, services.NoContactPoint):
                context["no_contact_point"] = True
                context["nearest"] = exc.nearest
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                gettext("Bedankt. Je signaal is verstuurd naar %(name)s.")
                % {"name": signal.contact_point.name},
            )
            return redirect("signalling:sent")
    return render(
        request,
        "signalling/create.html",
        context,
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def signal_sent(request):
    return render(request, "signalling/sent.html", {"org": organisation_for(request)})


def _staff_points(user) -> list[ContactPoint]:
    points = list(ContactPoint.objects.filter(staff=user).order_by("name"))
    if not points:
        raise Http404("Geen contactpunt")
    return points


@never_cache
@login_required
def staff_list(request):
    points = _staff_points(request.user)
    signals = (
        HelpSignal.objects.for_staff(request.user)
        .select_related("contact_point", "neighbourhood", "municipality")
        # Open ones first (PostgreSQL puts NULLs last), the longest waiting on top.
        .order_by(F("closed_at").asc(nulls_first=True), "created_at")
    )
    status = request.GET.get("status", "open")
    if status not in {"open", "closed", "all"}:
        status = "open"
    if status == "open":
        signals = signals.open()
    elif status == "closed":
        signals = signals.filter(status=SignalStatus.CLOSED)
    page_obj = paginate(signals, request.GET.get("pagina"), per_page=25)
    now = timezone.now()
    for signal in page_obj:
        end = signal.first_contact_at or now
        signal.waiting_days = (end - signal.created_at).days
    return render(
        request,
        "signalling/staff_list.html",
        {
            "points": points,
            "point_names": _names(points),
            "page_obj": page_obj,
            "status": status,
            "querystring": f"status={status}",
        },
    )


def _names(points: list[ContactPoint]) -> str:
    """'A', 'A en B', 'A, B en C'."""
    names = [point.name for point in points]
    if len(names) < 2:
        return "".join(names)
    # Translators: the last two names in a list of contact points, as in "A, B and C".
    return gettext("%(names)s en %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _signal_or_404(service, request, pk: int) -> HelpSignal:
    try:
        return service(signal_id=pk, by=request.user)
    except HelpSignal.DoesNotExist as exc:
        raise Http404("Geen signaal") from exc


@never_cache
@login_required
def staff_detail(request, pk: int):
    signal = _signal_or_404(services.signal_view, request, pk)
    accesses = SignalAccess.objects.filter(signal=signal).select_related("user")[:100]
    log = [
        {
            "at": a.at,
            "action": a.get_action_display(),
            "who": display_name_for(a.user, fallback=a.user.email) if a.user else "—",
        }
        for a in accesses
    ]
    signaller = signal.signaller
    return render(
        request,
        "signalling/staff_detail.html",
        {
            "signal": signal,
            "log": log,
            "signaller_name": signaller and display_name_for(signaller, fallback=""),
            "signaller_email": signaller.email if signaller else "",
        },
    )


def _action(service, success: str):
    @never_cache
    @login_required
    @require_POST
    def view(request, pk: int):
        try:
            _signal_or_404(service, request, pk)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, success)
        return redirect("signalling:staff_detail", pk=pk)

    return view


staff_contacted = _action(services.signal_mark_contacted, _("Vastgelegd: contact opgenomen."))
staff_close = _action(services.signal_close, _("Het signaal is afgesloten."))
