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
from django.views.decorators.http import require_POST

from organisation.models import organisation_for

from .privacy import user_data_export, user_delete
from .privacy_readable import readable_export
from .retention import retention_periods


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Je wachtwoord",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Zo weten we zeker dat jij het bent.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Dit wachtwoord klopt niet.")
        return password


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
    return render(request, "volunteers/my_data_page.html", {"sections": sections})


@login_required
def download(request):
    data = user_data_export(user=request.user)
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
    logout(request)
    user_delete(user=user)
    messages.success(request, "Je account en je gegevens zijn verwijderd.")
    return redirect("/")
