"""Inzage in verwerkingen (/admin/overzicht/verwerkingen/): who looked at,
exported, changed or deleted personal data, for the municipality's privacy
officer and moderators, filtered by period, action and kind of data, with a
CSV of the same choice (docs/security.md, "Audit log").

Superusers and moderators who moderate every gemeente see every event; a
moderator tied to gemeenten sees only the events of theirs, and asking for
another gemeente is refused. An initiative's editors and other staff are
refused: the trail names accounts."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.exports import write_csv
from audit.models import AccessAction, AccessEvent, AccessObject
from core.i18n import dutch_export, in_chosen_language
from core.pagination import paginate
from initiatives.models import Municipality
from initiatives.querysets import moderated_municipality_ids

from .forms import EARLIEST, date_field

VIEW_AUDIT = "audit.view_accessevent"
PER_PAGE = 50


def can_view_audit(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(VIEW_AUDIT))
    )


class AuditFilterForm(forms.Form):
    van = date_field(_("Van"))
    tot = date_field(_("Tot en met"))
    handeling = forms.ChoiceField(
        # Translators: what was done with the personal data (viewed, exported, changed, deleted).
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle handelingen")), *AccessAction.choices],
        error_messages={"invalid_choice": _("Kies een handeling uit de lijst.")},
    )
    soort = forms.ChoiceField(
        label=_("Soort gegevens"),
        required=False,
        choices=[("", _("Alle soorten")), *AccessObject.choices],
        error_messages={"invalid_choice": _("Kies een soort uit de lijst.")},
    )
    gemeente = forms.TypedChoiceField(
        label=_("Gemeente"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, municipalities, may_see_all: bool, **kwargs):
        super().__init__(*args, **kwargs)
        first = [("", _("Alle gemeenten"))] if may_see_all else []
        self.fields["gemeente"].choices = [*first, *((m.pk, m.name) for m in municipalities)]
        self.fields["gemeente"].error_messages["invalid_choice"] = _(
            # Translators: verwerkingen is the register of processing of personal data (GDPR).
            "Je kunt alleen de verwerkingen van je eigen gemeente inzien."
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        for name, day in (("van", start), ("tot", end)):
            if day and day < EARLIEST:
                self.add_error(name, _("Kies een datum na 2000."))
        if start and end and start > end:
            self.add_error("tot", _("‘Tot en met’ ligt vóór ‘Van’."))
        return data


def _moment(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _scope(request: HttpRequest):
    """The form, and the events it selects (None when the form is refused)."""
    ids = moderated_municipality_ids(request.user)
    municipalities = Municipality.objects.order_by("name")
    if ids is not None:
        municipalities = municipalities.filter(pk__in=ids)
    form = AuditFilterForm(
        request.GET or None, municipalities=municipalities, may_see_all=ids is None
    )
    events = AccessEvent.objects.in_municipalities(ids)
    if not form.is_bound:
        return form, events
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    end = _moment(data["tot"] + dt.timedelta(days=1)) if data["tot"] else None
    events = events.between(_moment(data["van"]), end)
    if data["handeling"]:
        events = events.filter(action=data["handeling"])
    if data["soort"]:
        events = events.filter(obj_type=data["soort"])
    if data["gemeente"]:
        events = events.filter(municipality_id=data["gemeente"])
    return form, events


def _csv(events) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Language"] = settings.LANGUAGE_CODE
    name = f"meedoen-verwerkingen-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so Excel reads the UTF-8
    write_csv(events.order_by("at", "pk").iterator(), response)
    return response


def _refused(request) -> HttpResponse:
    return render(request, "reports/audit_forbidden.html", status=403)


@in_chosen_language
def audit_log(request: HttpRequest) -> HttpResponse:
    # A real 403 (as the overview): Wagtail would turn PermissionDenied into
    # a redirect, and a refused CSV must not look like an empty one.
    if not can_view_audit(request.user):
        return _refused(request)
    form, events = _scope(request)
    if form.has_error("gemeente"):
        return _refused(request)
    if request.GET.get("format") == "csv" and events is not None:
        with dutch_export():
            return _csv(events)
    page_obj = paginate(events if events is not None else [], request.GET.get("pagina"), PER_PAGE)
    query = request.GET.copy()
    query.pop("pagina", None)
    query.pop("format", None)
    names = dict(
        Municipality.objects.filter(pk__in={e.municipality_id for e in page_obj}).values_list(
            "pk", "name"
        )
    )
    for event in page_obj:
        event.municipality_name = names.get(event.municipality_id, "")
    return render(
        request,
        "reports/audit.html",
        {
            "form": form,
            "page_obj": page_obj,
            "querystring": query.urlencode(),
            "retention_days": settings.AUDIT_RETENTION_DAYS,
        },
        status=400 if form.errors else 200,
    )
