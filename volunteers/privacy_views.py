"""My data: download a copy (JSON) or delete the account (AVG)."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from audit.models import AccessAction, AccessEvent, AccessObject, AccessRole
from audit.services import record_access
from organisation.models import organisation_for

from .privacy import user_data_export, user_delete
from .privacy_readable import readable_export
from .retention import retention_periods


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Je wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Zo weten we zeker dat jij het bent."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext("Dit wachtwoord klopt niet."))
        return password


SEEN_BY_SHOWN = 50


def _record_own(request, action: str) -> None:
    record_access(
        actor=request.user,
        action=action,
        obj_type=AccessObject.OWN_DATA,
        obj_id=request.user.pk,
        request=request,
        role=AccessRole.RESIDENT,
        subject_id=request.user.pk,
    )


def privacy_statement(request):
    return render(
        request,
        "volunteers/privacy.html",
        {
            "version": settings.PRIVACY_STATEMENT_VERSION,
            "org": organisation_for(request),
            "retention": retention_periods(),
            "demand_weeks": settings.SEARCH_DEMAND_RETENTION_WEEKS,
            "demand_k": settings.SEARCH_DEMAND_MIN_COUNT,
        },
    )


@login_required
def my_data(request):
    return render(
        request, "volunteers/my_data.html", {"form": DeleteAccountForm(user=request.user)}
    )


@login_required
def my_data_page(request):
    """The same data as the download, to read on the screen."""
    sections = readable_export(user_data_export(user=request.user))
    # "Wie heeft mijn gegevens bekeken?": the role and the moment, never
    # which staff member (their name is their own personal data).
    seen_by = AccessEvent.objects.about(request.user.pk)[:SEEN_BY_SHOWN]
    return render(
        request,
        "volunteers/my_data_page.html",
        {"sections": sections, "seen_by": seen_by, "seen_by_shown": SEEN_BY_SHOWN},
    )


@login_required
def download(request):
    data = user_data_export(user=request.user)
    _record_own(request, AccessAction.EXPORT)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"meedoen-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "volunteers/my_data.html", {"form": form}, status=400)
    user = request.user
    _record_own(request, AccessAction.DELETE)
    logout(request)
    user_delete(user=user)
    messages.success(request, gettext("Je account en je gegevens zijn verwijderd."))
    # The home page in the language the person was reading.
    return redirect("wagtail_serve", "")
