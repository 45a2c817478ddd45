"""The overview's period: the last 30 or 90 days, this year, or from/to."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .overview import Period

LAST_30, LAST_90, THIS_YEAR, CUSTOM = "30", "90", "jaar", "eigen"
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]
# A custom period shorter than this could point at one person in a small wijk
# ("the one help request in Reeland that week") once a CSV leaves the town hall.
MIN_DAYS = 7
# Dates a person means; far outside this is a typo (and year 1 or 9999 would
# not even fit in a timestamp with a time zone).
EARLIEST = dt.date(2000, 1, 1)


def date_field(label: str) -> forms.DateField:
    """An optional date typed as 31-12-2026 or picked (the overview's and the
    audit log's period)."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Dit is geen datum. Schrijf hem als 31-12-2026.")},
    )


class PeriodForm(forms.Form):
    periode = forms.ChoiceField(
        label=_("Periode"),
        required=False,
        choices=[
            ("", _("Altijd")),
            (LAST_30, _("Laatste 30 dagen")),
            (LAST_90, _("Laatste 90 dagen")),
            (THIS_YEAR, _("Dit jaar")),
            (CUSTOM, _("Eigen periode")),
        ],
        error_messages={"invalid_choice": _("Kies een periode uit de lijst.")},
    )
    van = date_field(_("Van"))
    tot = date_field(_("Tot en met"))

    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if data.get("periode") == "" and (start or end):
            data["periode"] = CUSTOM  # dates filled in, the list left alone
        if data.get("periode") != CUSTOM or self.errors:
            return data
        if start is None:
            self.add_error("van", _("Vul in vanaf welke datum je wilt tellen."))
        if end is None:
            self.add_error("tot", _("Vul in tot en met welke datum je wilt tellen."))
        if start is None or end is None:
            return data
        latest = self.today + dt.timedelta(days=366)
        for name, day in (("van", start), ("tot", end)):
            if not EARLIEST <= day <= latest:
                self.add_error(
                    name,
                    gettext("Kies een datum tussen 2000 en %(latest)s.")
                    % {"latest": date_format(latest, "SHORT_DATE_FORMAT")},
                )
        if end < start:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        elif (end - start).days + 1 < MIN_DAYS:
            self.add_error(
                "tot",
                gettext(
                    "Kies een periode van minstens %(days)s dagen: over kortere tijd "
                    "kunnen de aantallen naar één persoon wijzen."
                )
                % {"days": MIN_DAYS},
            )
        return data

    def period(self) -> Period | None:
        """The chosen period; None for "altijd" (or a form with errors)."""
        if not self.is_valid():
            return None
        data, today = self.cleaned_data, self.today
        choice = data.get("periode")
        if choice in (LAST_30, LAST_90):
            days = int(choice)
            return Period(today - dt.timedelta(days=days - 1), today, _last_days(days))
        if choice == THIS_YEAR:
            return Period(today.replace(month=1, day=1), today, _year_so_far(today.year))
        if choice == CUSTOM:
            start, end = data["van"], data["tot"]
            return Period(start, end, _from_to(start, end))
        return None


# The period's label is worded when it is shown: on the page in the reader's
# language, in the CSV's file name in Dutch (reports.views).
def _last_days_text(days: int) -> str:
    return gettext("de laatste %(days)s dagen") % {"days": days}


def _year_so_far_text(year: int) -> str:
    return gettext("%(year)s tot nu") % {"year": year}


def _from_to_text(start: dt.date, end: dt.date) -> str:
    return gettext("%(start)s tot en met %(end)s") % {
        "start": date_format(start, "SHORT_DATE_FORMAT"),
        "end": date_format(end, "SHORT_DATE_FORMAT"),
    }


_last_days = lazy(_last_days_text, str)
_year_so_far = lazy(_year_so_far_text, str)
_from_to = lazy(_from_to_text, str)
