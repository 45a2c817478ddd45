"""The overview's period: the last 30 or 90 days, this year, or from/to."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

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
        error_messages={"invalid": "Dit is geen datum. Schrijf hem als 31-12-2026."},
    )


class PeriodForm(forms.Form):
    periode = forms.ChoiceField(
        label="Periode",
        required=False,
        choices=[
            ("", "Altijd"),
            (LAST_30, "Laatste 30 dagen"),
            (LAST_90, "Laatste 90 dagen"),
            (THIS_YEAR, "Dit jaar"),
            (CUSTOM, "Eigen periode"),
        ],
        error_messages={"invalid_choice": "Kies een periode uit de lijst."},
    )
    van = date_field("Van")
    tot = date_field("Tot en met")

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
            self.add_error("van", "Vul in vanaf welke datum je wilt tellen.")
        if end is None:
            self.add_error("tot", "Vul in tot en met welke datum je wilt tellen.")
        if start is None or end is None:
            return data
        latest = self.today + dt.timedelta(days=366)
        for name, day in (("van", start), ("tot", end)):
            if not EARLIEST <= day <= latest:
                self.add_error(name, f"Kies een datum tussen 2000 en {latest:%d-%m-%Y}.")
        if end < start:
            self.add_error("tot", "De einddatum ligt vóór de begindatum.")
        elif (end - start).days + 1 < MIN_DAYS:
            self.add_error(
                "tot",
                f"Kies een periode van minstens {MIN_DAYS} dagen: over kortere tijd "
                "kunnen de aantallen naar één persoon wijzen.",
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
            return Period(today - dt.timedelta(days=days - 1), today, f"de laatste {days} dagen")
        if choice == THIS_YEAR:
            return Period(today.replace(month=1, day=1), today, f"{today.year} tot nu")
        if choice == CUSTOM:
            start, end = data["van"], data["tot"]
            return Period(start, end, f"{start:%d-%m-%Y} tot en met {end:%d-%m-%Y}")
        return None
