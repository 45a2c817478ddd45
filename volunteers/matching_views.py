"""Matches with their reasons: vacancies and help requests for a volunteer
("Voor jou") and suggested volunteers for a vacancy (only for the
initiative's members)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from audit.models import AccessObject, AccessRole
from audit.services import Seen, record_list_access
from core.pagination import paginate
from initiatives.models import VacancyPage

from . import matching, services
from .models import VolunteerProfile


@login_required
def for_you(request):
    profile = (
        VolunteerProfile.objects.filter(user=request.user)
        .prefetch_related("themes", "skills")
        .first()
    )
    if profile is None:
        # Nothing to match on yet: the template links to the profile form.
        return render(request, "volunteers/for_you.html", {"profile": None})
    page_obj = paginate(matching.for_you_matches(profile), request.GET.get("pagina"), per_page=20)
    return render(request, "volunteers/for_you.html", {"profile": profile, "page_obj": page_obj})


@login_required
def suggestions(request, page_id: int):
    vacancy = get_object_or_404(VacancyPage.objects.live(), pk=page_id)
    # 404 rather than 403: others need not know what is behind this address.
    if not services.is_initiative_member(request.user, vacancy):
        raise Http404
    matches = matching.volunteers_for(vacancy)
    page_obj = paginate(matches, request.GET.get("pagina"), per_page=20)
    # Audit log: each volunteer profile this page showed the initiative.
    record_list_access(
        actor=request.user,
        obj_type=AccessObject.PROFILE,
        seen=[
            Seen(m.object.pk, m.object.user_id, vacancy.municipality_id)
            for m in page_obj
            if m.object.user_id != request.user.pk
        ],
        request=request,
        role=AccessRole.INITIATIVE,
        purpose=f"suggesties voor vacature {vacancy.pk}",
    )
    return render(
        request, "volunteers/suggestions.html", {"vacancy": vacancy, "page_obj": page_obj}
    )
