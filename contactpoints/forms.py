"""The contact point's form in the Wagtail admin (Contactpunten)."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from initiatives.models import Municipality, Neighbourhood
from initiatives.querysets import moderated_municipality_ids

MAX_STAFF = 50


class ContactPointAdminForm(WagtailAdminModelForm):
    """Areas by checkbox, limited to the moderator's own gemeenten; staff by
    email address, one per line: the moderator types the address a colleague
    signed up with, and no list of every resident's account is shown."""

    staff_emails = forms.CharField(
        label="Medewerkers",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Het e-mailadres waarmee elke medewerker een account heeft, één per regel. "
            "Zij lezen de signalen voor dit contactpunt."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = moderated_municipality_ids(self.for_user) if self.for_user else None
        wijken = Neighbourhood.objects.select_related("municipality").order_by(
            "municipality__name", "name"
        )
        gemeenten = Municipality.objects.order_by("name")
        if ids is not None:
            wijken = wijken.filter(municipality_id__in=ids)
            gemeenten = gemeenten.filter(pk__in=ids)
        self.fields["neighbourhoods"].queryset = wijken
        self.fields["neighbourhoods"].label_from_instance = lambda wijk: (
            f"{wijk.name} ({wijk.municipality.name})"
        )
        self.fields["municipalities"].queryset = gemeenten
        if self.instance.pk:
            self.initial["staff_emails"] = "\n".join(
                self.instance.staff.order_by("email").values_list("email", flat=True)
            )

    def clean_staff_emails(self):
        addresses = []
        for line in self.cleaned_data["staff_emails"].replace(",", "\n").splitlines():
            address = line.strip().lower()
            if address and address not in addresses:
                addresses.append(address)
        if len(addresses) > MAX_STAFF:
            raise forms.ValidationError(f"Vul hoogstens {MAX_STAFF} e-mailadressen in.")
        users = {}
        if addresses:
            match = reduce(or_, (Q(email__iexact=a) for a in addresses))
            users = {u.email.lower(): u for u in get_user_model().objects.filter(match)}
        unknown = [a for a in addresses if a not in users]
        if unknown:
            raise forms.ValidationError(
                "Er is geen account met dit e-mailadres: %(addresses)s. Vraag de medewerker "
                "eerst een account te maken.",
                params={"addresses": ", ".join(unknown)},
            )
        return [users[a] for a in addresses]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("neighbourhoods") and not cleaned.get("municipalities"):
            raise forms.ValidationError(
                "Kies minstens één wijk of gemeente: anders kan niemand dit contactpunt vinden."
            )
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        staff = self.cleaned_data["staff_emails"]
        if commit:
            instance.staff.set(staff)
        else:
            save_areas = self.save_m2m

            def save_m2m():
                save_areas()
                instance.staff.set(staff)

            self.save_m2m = save_m2m
        return instance
