"""Forms for the Wagtail page editor (``base_form_class`` of a page model).

Kept apart from ``forms.py`` (the public forms), which imports the models: the
page models import this module, so it must not import them back.
"""

from wagtail.admin.forms import WagtailAdminPageForm

OTHER_INITIATIVES_PLACE = "Kies een ontmoetingsplek van dit initiatief."


class ActivityPageForm(WagtailAdminPageForm):
    """An activity can be at one of its own initiative's meeting places, never
    at another initiative's: that would put it on the other initiative's
    public page. The list offers only those (Wagtail's page chooser would offer
    every meeting place on the site), and any other id posted is refused; the
    model checks the same (``ActivityPage.clean``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("meeting_place")
        if field is None:
            return
        # The parent is the initiative, when adding and when editing.
        initiative = self.parent_page
        places = field.queryset.none()
        if initiative is not None:
            places = field.queryset.child_of(initiative).order_by("title")
        field.queryset = places
        field.empty_label = "Geen: de activiteit is ergens anders (vul hieronder het adres in)"
        field.error_messages["invalid_choice"] = OTHER_INITIATIVES_PLACE
