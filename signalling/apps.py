from django.apps import AppConfig


class SignallingConfig(AppConfig):
    """Signaleren: a professional or a signed-in neighbour tells the contact
    point of a resident's wijk that someone may need help. Only that contact
    point's staff read it, every reading is logged, and it is removed after
    a retention period (issue 17)."""

    name = "signalling"
    verbose_name = "Signalen"
