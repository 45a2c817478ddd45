from django.db import models


class ProfessionalRole(models.TextChoices):
    HUISARTS = "huisarts", "Huisarts"
    POH = "poh", "Praktijkondersteuner (POH)"
    WIJKTEAM = "wijkteam", "Medewerker sociaal wijkteam"
    WELZIJN = "welzijn", "Welzijnswerker"
    CONTACTPOINT = "contactpunt", "Medewerker contactpunt"
    OTHER = "anders", "Andere professional"


class ProfessionalStatus(models.TextChoices):
    PENDING = "pending", "Wacht op goedkeuring"
    APPROVED = "approved", "Goedgekeurd"
    REJECTED = "rejected", "Afgewezen"
    # No longer works there (left the job, or stopped by themselves): no more
    # referring, no longer contact-point staff. May apply again.
    REVOKED = "revoked", "Ingetrokken"
