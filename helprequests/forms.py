"""Forms for help requests: asking, offering, filtering and moderating (Dutch)."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, ModerationForm
from initiatives.geocoding import LocateFailure, locate, locate_choices, postcode_for
from initiatives.languages import DUTCH

from .models import (
    HELP_DESCRIPTION_MAX,
    HELP_OFFER_MESSAGE_MAX,
    HELP_TITLE_MAX,
    HelpKind,
    HelpRequest,
)
from .sensitive_terms import find

FOR_WHOM_MISSING = _(
    "Vul in voor wie je hulp vraagt, bijvoorbeeld ‘mijn vader’. Of haal het vinkje weg "
    "bij ‘ik vraag hulp voor iemand anders’."
)


class HelpRequestForm(HoneypotMixin, forms.ModelForm):
    # A postcode or the town's name: a town is kept as its PC4 (postcode_for),
    # so the public point is snapped from a PC4 centre, never from a home.
    # Where the help is needed, which is not always where the asker lives
    # (a daughter asking for her father).
    postcode = forms.CharField(
        label=_("Postcode waar de hulp nodig is"),
        max_length=100,
        help_text=_(
            "Bijvoorbeeld 3317 AB. Een woonplaats mag ook, zoals Sassenheim. Vraag je "
            "hulp voor iemand anders? Vul dan de postcode van die persoon in. Niemand ziet dit; "
            "bezoekers zien alleen de wijk."
        ),
        error_messages={
            "required": _("Vul de postcode of woonplaats in waar de hulp nodig is."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Waar heb je hulp bij nodig?"),
        choices=HelpKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies waar je hulp bij nodig hebt.")},
    )

    class Meta:
        model = HelpRequest
        fields = [
            "kind",
            "title",
            "description",
            "language",
            "when_text",
            "when_date",
            "postcode",
            "asked_for_someone_else",
            "on_behalf_of",
        ]
        labels = {
            "title": _("Vat je vraag kort samen"),
            "description": _("Vertel wat er nodig is"),
            "when_text": _("Wanneer?"),
            "when_date": _("Op een vaste datum? (mag leeg blijven)"),
            "language": _("In welke taal schrijf je?"),
            "on_behalf_of": _("Voor wie vraag je hulp?"),
        }
        help_texts = {
            "title": _("Bijvoorbeeld ‘Boodschappen doen op dinsdag’."),
            "description": _(
                "Zet hier geen naam, adres of telefoonnummer in: deze tekst is "
                "voor iedereen te zien."
            ),
            "language": _(
                "Vrijwilligers zien in welke taal je schrijft. Nederlands lezen de meeste "
                "vrijwilligers. Lukt dat niet? Schrijf dan in je eigen taal."
            ),
            "on_behalf_of": _(
                "Alleen als je hulp vraagt voor iemand anders. Bijvoorbeeld "
                "‘mijn vader’ of ‘mijn buurvrouw’. Alleen de medewerker van de gemeente die je "
                "vraag nakijkt, ziet dit."
            ),
        }
        widgets = {
            # dir=auto: a text typed in Arabic runs right to left as it is typed.
            "title": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
            "when_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "title": {"required": _("Vat je vraag kort samen.")},
            "description": {"required": _("Vertel wat er nodig is.")},
            "when_date": {"invalid": _("Vul een geldige datum in, bijvoorbeeld 14-05-2026.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new request starts in the language the site is read in: most
        # people write in the language they chose.
        self.fields["language"].required = False  # left out: Dutch
        if not self.is_bound and self.instance.pk is None:
            current = translation.get_language()
            if any(code == current for code, _label in self.fields["language"].choices):
                self.initial.setdefault("language", current)

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or DUTCH

    def clean_postcode(self) -> str:
        return postcode_for(self.cleaned_data["postcode"])

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("asked_for_someone_else"):
            cleaned_data["on_behalf_of"] = ""
        elif not cleaned_data.get("on_behalf_of", "").strip() and "on_behalf_of" in cleaned_data:
            # Asked for someone else: the moderator needs to know who.
            self.add_error("on_behalf_of", FOR_WHOM_MISSING)
        # Looked up here, not when saving; a geocoder that cannot be reached
        # is no error (the moderator sees a request without a place).
        cleaned_data["point"] = None
        if cleaned_data.get("postcode"):
            try:
                cleaned_data["point"] = locate(cleaned_data["postcode"], postcode_only=True).point
            except forms.ValidationError as exc:
                if exc.code != LocateFailure.UNAVAILABLE:
                    self.add_error("postcode", exc)
        return cleaned_data

    def service_kwargs(self) -> dict:
        """The cleaned fields the service takes (not the honeypot)."""
        return {name: self.cleaned_data[name] for name in [*self.Meta.fields, "point"]}


class HelpOfferForm(HoneypotMixin, forms.Form):
    message = forms.CharField(
        label=_("Je bericht"),
        max_length=HELP_OFFER_MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Vertel kort wie je bent en wanneer je kunt. De hulpvrager ziet je "
            "voornaam en dit bericht; je e-mailadres pas als je aanbod is geaccepteerd."
        ),
        error_messages={
            "required": _("Schrijf een kort bericht."),
            "max_length": _("Je bericht mag hooguit %(limit_value)d tekens lang zijn."),
        },
    )


class HelpFilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort hulp"), choices=[("", _("Alle soorten")), *HelpKind.choices], required=False
    )
    postcode = forms.CharField(
        label=_("In de buurt van postcode of woonplaats"), max_length=100, required=False
    )

    place_choices: tuple = ()

    def clean(self):
        cleaned = super().clean()
        cleaned["point"] = None
        value = (cleaned.get("postcode") or "").strip()
        if value:
            try:
                cleaned["point"] = locate(value).point
            except forms.ValidationError as exc:
                self.place_choices = locate_choices(exc)
                self.add_error("postcode", exc)
        return cleaned


class HelpModerationForm(ModerationForm):
    """Approve a help request with its public text as the moderator edited it,
    or reject it. Words that suggest health or identity data are marked on the
    screen (``sensitive_terms``); approving text that still has them needs a
    tick, so they stay only on purpose."""

    MARKED_LEFT = _(
        "Er staan nog gemarkeerde woorden in de tekst. Haal ze weg, of vink aan dat ze "
        "mogen blijven staan."
    )

    approve_label = _("Plaatsen")
    reason_missing = _("Schrijf waarom de hulpvraag niet geplaatst wordt. De hulpvrager ziet dit.")

    title = forms.CharField(
        label=_("Korte omschrijving"), max_length=HELP_TITLE_MAX, required=False
    )
    description = forms.CharField(
        label=_("Tekst"),
        max_length=HELP_DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    when_text = forms.CharField(label=_("Wanneer"), max_length=100, required=False)
    keep_marked = forms.BooleanField(
        label=_(
            "De gemarkeerde woorden mogen blijven staan: ze zeggen niets over wie het is "
            "of over iemands gezondheid."
        ),
        required=False,
    )

    TEXT_FIELDS = ("title", "description", "when_text")

    def __init__(self, *args, help_request=None, terms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.terms = terms
        if help_request is not None:
            if self.is_bound:
                # A post without the text (the reject button) keeps it as it is.
                self.data = self.data.copy()
                for name in self.TEXT_FIELDS:
                    self.data.setdefault(name, getattr(help_request, name))
            else:
                self.initial.update({n: getattr(help_request, n) for n in self.TEXT_FIELDS})
        for name, message in (
            ("title", gettext("Vul een korte omschrijving in.")),
            ("description", gettext("Vul de tekst van de hulpvraag in.")),
        ):
            self.fields[name].error_messages["required"] = message
        for name in self.TEXT_FIELDS:
            self.fields[name].error_messages["max_length"] = gettext(
                "Dit mag hooguit %(limit_value)d tekens lang zijn."
            )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("approve") is not True:
            return cleaned_data
        for name in ("title", "description"):
            if name in cleaned_data and not cleaned_data[name].strip():
                self.add_error(name, self.fields[name].error_messages["required"])
        text = [cleaned_data.get(name, "") for name in self.TEXT_FIELDS]
        if any(find(value, self.terms) for value in text) and not cleaned_data.get("keep_marked"):
            self.add_error("keep_marked", self.MARKED_LEFT)
        return cleaned_data

    def text_kwargs(self) -> dict:
        """The edited text for the service (only when approving)."""
        if not self.cleaned_data["approve"]:
            return {}
        return {name: self.cleaned_data[name] for name in self.TEXT_FIELDS}
