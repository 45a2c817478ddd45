"""The lists' filter form renders its selects from plain choices kept per
content version (initiatives/forms.py, core/widgets.py): the same HTML as
Django's model choice fields give, a submitted value still checked against
the table, and a change of a theme, gemeente or wijk visible at once."""

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.forms import ListingFilterForm
from tests.factories import MunicipalityFactory, NeighbourhoodFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    dordrecht = MunicipalityFactory(name="Dordrecht", slug="dordrecht")
    zwijndrecht = MunicipalityFactory(name="Zwijndrecht", slug="zwijndrecht")
    wijken = [
        NeighbourhoodFactory(municipality=zwijndrecht, name="Walburg"),
        NeighbourhoodFactory(municipality=dordrecht, name="Wielwijk"),
        NeighbourhoodFactory(municipality=dordrecht, name="Crabbehof & <Zuid>"),
    ]
    themes = [ThemeFactory(name="Taal", slug="taal"), ThemeFactory(name="Bewegen", slug="bewegen")]
    return themes, wijken


def _plain(html) -> str:
    """Without whitespace between tags and with the select's attributes in
    one order (the order of attributes means nothing to a browser)."""
    html = re.sub(r">\s+<", "><", str(html)).strip()
    head, rest = html.split(">", 1)
    return " ".join(sorted(head.split(" "))) + ">" + rest


def _as_django_renders_it(data, name: str) -> str:
    """The field as its ModelChoiceField with Django's own Select renders it."""
    form = ListingFilterForm(data)
    form.is_valid()
    field = form.fields[name]
    del field._choices  # back to the queryset's ModelChoiceIterator
    field.widget = forms.Select()
    field.widget.choices = field.choices
    return str(form[name])


@pytest.mark.parametrize(
    "data", [None, {"thema": "taal"}, {"gemeente": "dordrecht", "wijk": "WIJK"}, {"wijk": "x"}]
)
def test_the_selects_are_the_html_django_renders(places, data):
    if data and data.get("wijk") == "WIJK":
        data = {**data, "wijk": str(places[1][1].pk)}
    form = ListingFilterForm(data)
    form.is_valid()
    for name in ("thema", "gemeente", "wijk"):
        assert _plain(form[name]) == _plain(_as_django_renders_it(data, name)), name
    assert "Crabbehof &amp; &lt;Zuid&gt; (Dordrecht)" in str(form["wijk"])


def test_a_submitted_value_is_still_checked_against_the_table(places):
    form = ListingFilterForm({"thema": "bestaat-niet", "wijk": str(places[1][0].pk)})
    assert not form.is_valid() and "thema" in form.errors
    assert form.cleaned_data["wijk"] == places[1][0]


def test_a_renamed_theme_shows_on_the_next_list(client, places):
    url = reverse("initiatives:activity_list")
    client.get(url)
    theme = places[0][0]
    theme.name = "Taal en lezen"
    theme.save()
    assert ">Taal en lezen</option>" in client.get(url).text


def test_the_choices_cost_no_query_once_kept(client, places):
    url = reverse("initiatives:activity_list")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    tables = " ".join(q["sql"] for q in queries)
    for table in ("initiatives_theme", "initiatives_municipality", "initiatives_neighbourhood"):
        assert f'FROM "{table}"' not in tables, table
