"""Lists of themes (and skills) shown to visitors are in the order of the
names they read (issue 20): by the translated name on a page in another
language, by the Dutch name on Dutch pages, as before. Sorted in Python from
the rows already read: no extra query."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import translation

from initiatives.forms import InitiativeRegistrationForm, ListingFilterForm
from initiatives.models import Theme
from initiatives.models.taxonomy import by_display_name
from search.forms import SearchForm
from tests.factories import SkillFactory, TargetGroupFactory, ThemeFactory
from volunteers.profile_forms import ProfileForm

pytestmark = pytest.mark.django_db

# Dutch order: armoede, eenzaamheid, mantelzorg. English: Carers, Eenzaamheid
# (not translated), Poverty. Arabic: فقر (poverty, fa) before مقدمو الرعاية
# (carers, mim), the untranslated Dutch name first (Latin before Arabic).
DUTCH = ["armoede", "eenzaamheid", "mantelzorg"]
ENGLISH = ["mantelzorg", "eenzaamheid", "armoede"]
ARABIC = ["eenzaamheid", "armoede", "mantelzorg"]
ORDERS = [("nl", DUTCH), ("en", ENGLISH), ("ar", ARABIC)]


@pytest.fixture
def themes(db):
    ThemeFactory(
        name="Mantelzorg",
        slug="mantelzorg",
        name_translations={"en": "Carers", "ar": "مقدمو الرعاية"},
    )
    ThemeFactory(name="Armoede", slug="armoede", name_translations={"en": "Poverty", "ar": "فقر"})
    ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")


def _slugs(choices) -> list[str]:
    return [str(value) for value, _label in choices if value]


@pytest.mark.parametrize(("language", "expected"), ORDERS)
def test_search_filter_checkboxes(themes, language, expected):
    with translation.override(language):
        assert _slugs(SearchForm().fields["thema"].choices) == expected


@pytest.mark.parametrize(("language", "expected"), ORDERS)
def test_list_filter_select(themes, language, expected):
    with translation.override(language):
        assert _slugs(ListingFilterForm().fields["thema"].choices) == expected


@pytest.mark.parametrize(("language", "expected"), ORDERS)
def test_profile_and_registration_checkboxes(themes, language, expected, django_assert_num_queries):
    by_slug = {theme.pk: theme.slug for theme in Theme.objects.all()}
    for form in (ProfileForm(), InitiativeRegistrationForm()):
        with translation.override(language), django_assert_num_queries(1):
            # Iterated as a widget does: list() would ask len() first, a count.
            choices = [choice for choice in form.fields["themes"].choices]  # noqa: C416
        assert [by_slug[value.value] for value, _label in choices] == expected


def test_profile_skills_too():
    SkillFactory(name="Koken", slug="koken", name_translations={"en": "Cooking"})
    SkillFactory(name="Autorijden", slug="autorijden", name_translations={"en": "Driving"})
    with translation.override("en"):
        labels = [label for _value, label in ProfileForm().fields["skills"].choices]
    assert labels == ["Cooking", "Driving"]


@pytest.mark.parametrize(("prefix", "expected"), [("", DUTCH), ("/en", ENGLISH), ("/ar", ARABIC)])
def test_home_page_theme_buttons(home, themes, prefix, expected):
    soup = BeautifulSoup(Client().get(f"{prefix}/").content.decode(), "html.parser")
    buttons = soup.select('button[name="thema"]')
    assert [button["value"] for button in buttons] == expected


@pytest.mark.parametrize(("prefix", "expected"), [("", DUTCH), ("/en", ENGLISH)])
def test_search_page_checkboxes(themes, prefix, expected):
    TargetGroupFactory(name="Ouderen", slug="ouderen")
    soup = BeautifulSoup(Client().get(f"{prefix}/zoeken/").content.decode(), "html.parser")
    assert [box["value"] for box in soup.select('input[name="thema"]')] == expected


def test_case_and_accents_do_not_count():
    with translation.override("en"):
        assert by_display_name(["beta", "Alpha", "Ébène", "delta"], name=str) == [
            "Alpha",
            "beta",
            "delta",
            "Ébène",
        ]
    with translation.override("nl"):  # Dutch: as read
        assert by_display_name(["beta", "Alpha"], name=str) == ["beta", "Alpha"]


@pytest.mark.parametrize(("prefix", "expected"), [("", DUTCH), ("/en", ENGLISH), ("/ar", ARABIC)])
def test_a_listings_own_tags(index, themes, prefix, expected):
    from tests.factories import ActivityPageFactory, InitiativePageFactory

    activity = ActivityPageFactory(parent=InitiativePageFactory(parent=index))
    activity.themes.set(Theme.objects.all())
    activity.save_revision().publish()
    soup = BeautifulSoup(Client().get(f"{prefix}{activity.url}").content.decode(), "html.parser")
    links = soup.select(".taxonomy a.tag--link")
    assert [link["href"].split("thema=")[1] for link in links] == expected
