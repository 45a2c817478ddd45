from django.apps import AppConfig


class SignupsConfig(AppConfig):
    """Taking a place (issue 18): residents sign up for one date of an
    activity with "aanmelden nodig" and a capacity, with or without an
    account; a waiting list when it is full; the initiative's list per date; a
    reminder the day before; removed some weeks after the date."""

    name = "signups"
    verbose_name = "Aanmeldingen"
