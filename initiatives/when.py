"""Quick date choices ("vandaag", "morgen", "dit weekend", "deze week") and
calendar months, as plain date ranges in Europe/Amsterdam.

Pure functions of a moment, so the edges (late evening, Sunday, the nights
the clocks change) are tested with fixed values. The search form, the
activity list and the month calendar turn a choice into ``(first, last)``
and filter on the days the index holds, so an activity that is on today
counts for "vandaag" all day, also while it is in progress in the evening.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .schedule import TZ

SATURDAY, SUNDAY = 5, 6
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class When(models.TextChoices):
    """The quick filters, as the ``wanneer`` parameter spells them."""

    TODAY = "vandaag", _("Vandaag")
    TOMORROW = "morgen", _("Morgen")
    WEEKEND = "weekend", _("Dit weekend")
    WEEK = "week", _("Deze week")


WHEN_INVALID = _("Kies vandaag, morgen, dit weekend of deze week.")


def local_today(now: datetime) -> date:
    """The date in the Netherlands at the moment ``now`` (an aware datetime)."""
    return now.astimezone(TZ).date()


def when_days(*, when: str, today: date) -> tuple[date, date]:
    """The first and last day (inclusive) of a quick choice seen from ``today``.
    "Dit weekend": on Saturday today and Sunday, on Sunday only today, on a
    weekday the coming Saturday and Sunday. "Deze week": today up to and
    including Sunday."""
    choice = When(when)
    if choice is When.TODAY:
        return today, today
    if choice is When.TOMORROW:
        tomorrow = today + timedelta(days=1)
        return tomorrow, tomorrow
    sunday = today + timedelta(days=SUNDAY - today.weekday())
    if choice is When.WEEKEND:
        return max(today, sunday - timedelta(days=1)), sunday
    return today, sunday


def when_days_at(*, when: str, now: datetime) -> tuple[date, date]:
    """``when_days`` for the Dutch date at the moment ``now``."""
    return when_days(when=when, today=local_today(now))


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, value: str) -> Month:
        """``2026-12`` as a month; ValueError (with a message for the visitor,
        in the interface's language) otherwise."""
        match = _MONTH.match(value.strip())
        if not match:
            raise ValueError(
                # Translators: JJJJ-MM is the Dutch year-month pattern (YYYY-MM).
                gettext("Dit is geen maand. Gebruik de vorm JJJJ-MM, bijvoorbeeld 2026-12.")
            )
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(gettext("Een maand loopt van 01 tot en met 12. Bijvoorbeeld 2026-12."))
        if not 1900 <= year <= 9998:
            raise ValueError(gettext("Kies een jaar dichter bij nu."))
        return cls(year, month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """ "december 2026", in the interface's language (Django's month names)."""
        return format_date(self.first, "F Y")

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def previous(self) -> Month:
        return Month.of(self.first - timedelta(days=1))

    @property
    def next(self) -> Month:
        return Month.of(self.last + timedelta(days=1))

    def weeks(self) -> list[list[date | None]]:
        """The month as weeks from Monday to Sunday; days of the neighbouring
        months are None."""
        return [
            [day if day.month == self.month else None for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(self.year, self.month)
        ]


def day_label(day: date) -> str:
    """ "woensdag 2 december", in the interface's language (Django's day and
    month names; "E" is the month as it follows a day number: "2 grudnia")."""
    return format_date(day, "l j E")


# Parameters a quick choice replaces: the dates it sets and the page number.
_REPLACED = ("wanneer", "van", "tot", "pagina")


def when_links(params, *, active: str | None) -> list[dict]:
    """The quick choices as links that keep every other parameter of
    ``params`` (a QueryDict) and replace van/tot and the page. ``active``: the
    choice in force, "" for "Alle data", None when dates typed in van/tot
    are (then no link is current)."""
    links = []
    for value, label in [("", gettext("Alle data")), *When.choices]:
        query = params.copy()
        for name in _REPLACED:
            query.pop(name, None)
        if value:
            query["wanneer"] = value
        links.append(
            {"value": value, "label": label, "url": "?" + query.urlencode(),
             "current": active == value}
        )  # fmt: skip
    return links


def when_context(params, *, chosen: str, overruled: bool) -> dict:
    """Template context for includes/when_links.html. ``chosen``: the valid
    ``wanneer`` value ("" for none); ``overruled``: van/tot were filled in."""
    active = None if overruled else chosen
    return {
        "when_links": when_links(params, active=active),
        "when_value": "" if overruled else chosen,
        "when_overruled": overruled,
    }
