"""core/widgets.py: the plain renderer writes inputs and selects out
directly. Its HTML must be Django's own, byte for byte, for every widget it
takes over, and every other widget must go through the templates as before."""

import datetime as dt
import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import Client
from django.test.utils import override_settings
from django.utils.safestring import mark_safe

from core.widgets import PlainRenderer
from initiatives.models import Theme
from tests.factories import ActivityPageFactory, InitiativePageFactory, ThemeFactory

DJANGO, PLAIN = DjangoTemplates(), PlainRenderer()
ATTRS = [
    {},
    {"id": "id_x", "class": "a b", "required": True, "disabled": False},
    {"placeholder": 'Zeg "hallo" & <doei>', "data-n": 3, "aria-describedby": "x y"},
    {"autofocus": True, "title": mark_safe("<b>al veilig</b>")},
]
VALUES = [None, "", "koffie", 'a "b" <c> & d', 7, 2.5]
INPUTS = [
    forms.TextInput(),
    forms.NumberInput(),
    forms.EmailInput(),
    forms.URLInput(),
    forms.PasswordInput(render_value=True),
    forms.HiddenInput(),
    forms.DateInput(format="%Y-%m-%d"),
    forms.DateInput(attrs={"type": "date"}),
    forms.TimeInput(),
    forms.DateTimeInput(),
    forms.CheckboxInput(),
    forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
]
CHOICES = [
    ("", "Alle wijken"),
    ("1", "Wielwijk & <Crabbehof>"),
    ("Dordrecht", [("2", "Reeland"), ("3", 'Sterrenburg "Oost"')]),
    (4, "Vier"),
]


@pytest.mark.parametrize("widget", INPUTS, ids=lambda w: type(w).__name__)
@pytest.mark.parametrize("attrs", ATTRS)
def test_inputs_are_djangos_html(widget, attrs):
    for value in [*VALUES, dt.date(2026, 12, 2), True, False]:
        django = widget.render("veld", value, attrs=attrs, renderer=DJANGO)
        assert widget.render("veld", value, attrs=attrs, renderer=PLAIN) == django


@pytest.mark.parametrize(
    "widget",
    [
        forms.Select(choices=CHOICES),
        forms.SelectMultiple(choices=CHOICES),
        forms.NullBooleanSelect(),
    ],
    ids=lambda w: type(w).__name__,
)
@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", [None, "", "1", "3", ["1", "3"], 4, True, "unknown"])
def test_selects_are_djangos_html(widget, attrs, value):
    if isinstance(widget, forms.NullBooleanSelect) and isinstance(value, list):
        pytest.skip("Django itself cannot render it")
    django = widget.render("wijk", value, attrs=attrs, renderer=DJANGO)
    assert widget.render("wijk", value, attrs=attrs, renderer=PLAIN) == django


@pytest.mark.django_db
def test_a_model_choice_select_is_djangos_html():
    ThemeFactory(name="Taal & <lezen>", slug="taal")
    ThemeFactory(name="Bewegen", slug="bewegen")
    field = forms.ModelChoiceField(Theme.objects.all(), to_field_name="slug", empty_label="Alle")
    for value in (None, "taal"):
        django = field.widget.render("thema", value, renderer=DJANGO)
        assert field.widget.render("thema", value, renderer=PLAIN) == django


@pytest.mark.parametrize(
    "widget",
    [
        forms.Textarea(),
        forms.RadioSelect(choices=CHOICES[:2]),
        forms.CheckboxSelectMultiple(choices=CHOICES[:2]),
        forms.ClearableFileInput(),
    ],
    ids=lambda w: type(w).__name__,
)
def test_other_widgets_go_through_their_templates(widget):
    assert widget.render("x", None, renderer=PLAIN) == widget.render("x", None, renderer=DJANGO)


def test_a_select_with_an_option_template_of_its_own_goes_through_the_templates():
    class Special(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    widget = Special(choices=CHOICES[:2])
    assert widget.render("x", "1", renderer=PLAIN) == widget.render("x", "1", renderer=DJANGO)


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.django_db
def test_public_pages_with_forms_are_the_same_html(index):
    initiative = InitiativePageFactory(parent=index)
    ActivityPageFactory(parent=initiative)
    ThemeFactory(slug="taal")
    urls = [
        "/",
        "/?postcode=3311AB",
        "/activiteiten/?thema=taal",
        "/zoeken/?q=koffie&sorteer=datum&van=2026-12-01",
        "/zoeken/?straal=abc",
        "/initiatief-aanmelden/",
        "/accounts/login/",
    ]
    for url in urls:
        with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
            django = Client().get(url)
        plain = Client().get(url)
        assert plain.status_code == django.status_code, url
        assert _without_tokens(plain.text) == _without_tokens(django.text), url
