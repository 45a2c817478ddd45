from django.apps import AppConfig


class ContactPointsConfig(AppConfig):
    """People to talk to: the sociaal wijkteam, Wmo-loket, mantelzorgsteunpunt
    or informatiepunt of a wijk or gemeente, shown wherever a resident needs a
    person (issue 17), and the staff who answer for each."""

    name = "contactpoints"
    verbose_name = "Contactpunten"
