from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfessionalRole(models.TextChoices):
    HUISARTS = "huisarts", _("Huisarts")
    # Translators: a practice nurse at a GP's surgery (praktijkondersteuner huisarts).
    POH = "poh", _("Praktijkondersteuner (POH)")
    # Translators: a member of the neighbourhood team of social workers (sociaal wijkteam).
    WIJKTEAM = "wijkteam", _("Medewerker sociaal wijkteam")
    WELZIJN = "welzijn", _("Welzijnswerker")
    CONTACTPOINT = "contactpunt", _("Medewerker contactpunt")
    OTHER = "anders", _("Andere professional")


class ProfessionalStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op goedkeuring")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Afgewezen")
    # No longer works there (left the job, or stopped by themselves): no more
    # referring, no longer contact-point staff. May apply again.
    REVOKED = "revoked", _("Ingetrokken")
