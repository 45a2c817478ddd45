from django.apps import AppConfig


class FollowUpConfig(AppConfig):
    """No question left unanswered (issue 17): time to a first reply, the
    reminders and escalations of ``send_followups``, and "Wacht te lang"."""

    name = "followup"
    verbose_name = "Opvolging"
