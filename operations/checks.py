"""``manage.py check`` refuses a PERIODIC_JOBS the worker could not run: an
unknown command, an unreadable schedule, a name used twice."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.management import get_commands

from .schedule import Schedule, ScheduleError


@register()
def check_periodic_jobs(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    commands = get_commands()
    seen: set[str] = set()
    for n, entry in enumerate(getattr(settings, "PERIODIC_JOBS", [])):
        where = f"PERIODIC_JOBS[{n}]"
        name = entry.get("name")
        if not name:
            errors.append(Error(f"{where} has no name.", id="operations.E001"))
        elif name in seen:
            errors.append(Error(f"{where}: the name {name!r} is used twice.", id="operations.E002"))
        seen.add(name)
        if entry.get("command") not in commands:
            errors.append(
                Error(f"{where}: no command {entry.get('command')!r}.", id="operations.E003")
            )
        try:
            Schedule.parse(entry.get("schedule", ""))
        except ScheduleError as exc:
            errors.append(Error(f"{where}: {exc}", id="operations.E004"))
    return errors
