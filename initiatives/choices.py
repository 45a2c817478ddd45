"""Choices shared beyond the page models: days and parts of the day (volunteer
profiles and matching), accessibility and facilities (search), recurrence
(calendars), a vacancy's status (responses) and the respite a listing offers
to mantelzorgers (search, the "Even vrij" page)."""

from django.db import models

from . import schedule

Weekday = models.IntegerChoices(
    "Weekday",
    [(name.upper(), (i, name)) for i, name in enumerate(schedule.WEEKDAYS)],
)


class PartOfDay(models.TextChoices):
    MORNING = "morning", "ochtend"
    AFTERNOON = "afternoon", "middag"
    EVENING = "evening", "avond"


class Accessibility(models.TextChoices):
    WHEELCHAIR = "wheelchair", "rolstoeltoegankelijk"
    TOILET = "toilet", "aangepast toilet"
    HEARING_LOOP = "hearing_loop", "ringleiding"
    QUIET = "quiet", "prikkelarm"
    PARKING = "parking", "invalidenparkeerplaats"


class Facility(models.TextChoices):
    COFFEE = "coffee", "koffie en thee"
    MEALS = "meals", "maaltijden"
    WIFI = "wifi", "wifi"
    COMPUTERS = "computers", "computers"
    KITCHEN = "kitchen", "keuken"
    GARDEN = "garden", "tuin"
    MEETING_ROOM = "meeting_room", "vergaderruimte"
    PLAY_AREA = "play_area", "speelhoek"


class Recurrence(models.TextChoices):
    ONCE = schedule.ONCE, "eenmalig"
    WEEKLY = schedule.WEEKLY, "elke week"
    BIWEEKLY = schedule.BIWEEKLY, "om de week"
    MONTHLY = schedule.MONTHLY, "elke maand (zelfde weekdag, bijv. eerste dinsdag)"


class VacancyStatus(models.TextChoices):
    OPEN = "open", "open"
    FILLED = "filled", "vervuld"
    CLOSED = "closed", "gesloten"


class Respite(models.TextChoices):
    """Respite care (*respijtzorg*): what a listing offers a mantelzorger so
    they can take a break."""

    STAY = "stay", "logeeropvang"
    DAYCARE = "daycare", "dagopvang"
    AT_HOME = "at_home", "oppas of respijt aan huis"
    TIME_OFF = "time_off", "even vrij: een activiteit voor mantelzorgers"
