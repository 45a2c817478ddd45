from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Verwijzen (social prescribing, Welzijn op Recept): an approved
    professional refers a resident, with recorded consent, to an activity,
    meeting place, vacancy or initiative; the initiative confirms contact and
    says whether the resident came (issue 17)."""

    name = "referrals"
    verbose_name = "Verwijzingen"
