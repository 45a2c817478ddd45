"""Choices shared beyond the page models: days and parts of the day (volunteer
profiles and matching), accessibility and facilities (search), recurrence
(calendars), a vacancy's status (responses) and the respite a listing offers
to mantelzorgers (search, the "Even vrij" page)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import schedule

Weekday = models.IntegerChoices(
    "Weekday",
    [(name.upper(), (i, name)) for i, name in enumerate(schedule.WEEKDAYS)],
)


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("ochtend")
    AFTERNOON = "afternoon", _("middag")
    EVENING = "evening", _("avond")


class Accessibility(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("rolstoeltoegankelijk")
    TOILET = "toilet", _("aangepast toilet")
    HEARING_LOOP = "hearing_loop", _("ringleiding")
    QUIET = "quiet", _("prikkelarm")
    PARKING = "parking", _("invalidenparkeerplaats")


class Facility(models.TextChoices):
    COFFEE = "coffee", _("koffie en thee")
    MEALS = "meals", _("maaltijden")
    WIFI = "wifi", _("wifi")
    COMPUTERS = "computers", _("computers")
    KITCHEN = "kitchen", _("keuken")
    GARDEN = "garden", _("tuin")
    MEETING_ROOM = "meeting_room", _("vergaderruimte")
    PLAY_AREA = "play_area", _("speelhoek")


class Recurrence(models.TextChoices):
    ONCE = schedule.ONCE, _("eenmalig")
    WEEKLY = schedule.WEEKLY, _("elke week")
    BIWEEKLY = schedule.BIWEEKLY, _("om de week")
    MONTHLY = schedule.MONTHLY, _("elke maand (zelfde weekdag, bijv. eerste dinsdag)")


class VacancyStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("vacancy status", "open")
    FILLED = "filled", pgettext_lazy("vacancy status", "vervuld")
    CLOSED = "closed", pgettext_lazy("vacancy status", "gesloten")


class Respite(models.TextChoices):
    """Respite care (*respijtzorg*): what a listing offers a mantelzorger so
    they can take a break."""

    # Translators: kinds of respite care (respijtzorg) for informal carers (mantelzorgers).
    STAY = "stay", _("logeeropvang")
    DAYCARE = "daycare", _("dagopvang")
    AT_HOME = "at_home", _("oppas of respijt aan huis")
    TIME_OFF = "time_off", _("even vrij: een activiteit voor mantelzorgers")
